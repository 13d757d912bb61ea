"""Training the learned heads (``eventdesk train``): data from ../shared/data and the own
corpus in, small numpy weight files in ``data/models/`` out. Never imported at run time."""
