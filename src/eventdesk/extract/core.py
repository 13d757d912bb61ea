"""The extraction cascade for one article, written out in the order it runs.

1. Split sentences without a model; drop non-reporting lines and headings.
2. Read quoted statistics (regex, no parse); their words can never be events.
3. Keep only sentences that hold a trigger word form: the cheap filter that
   lets the parser see a fraction of the text.
   The learned cue head (bag of words) adds the sentences it thinks tell an
   event that no trigger word names ("opened a new headquarters").
4. Parse the kept sentences in one ``nlp.pipe`` batch and build frames.
5. Link pronouns and group descriptions to named antecedents in earlier text.
6. Code quarrels inside one group with both factions as sides.
7. Type each frame into its sub-event type by its arguments.
8. Merge frames that only refer back to an earlier one ("the attack was called
   off", "he was subsequently killed") into that frame: no new event.
9. The learned sentence heads (``extract.typer``) read each kept sentence's pooled
   encoder vector: a sentence told as background, history or a summary
   statistic codes no event; a sub-type they are sure of replaces the rules'
   one; an event they find where no trigger fired becomes a frame of its own
   (the rules still read its status, attribution, roles and counts).
10. Give a frame with no place of its own the nearest place named around it, and
    fill an attack's perpetrators, targets and weapons from the learned role
    tagger where it finds them in the frame's sentence (encoded once, all
    articles of the batch together); the rules' roles stay where it finds none.
11. Write Mention and StatClaim records with spans into the article text.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from eventdesk import lexicons
from eventdesk.clean import is_non_reporting
from eventdesk.errors import EventdeskError, coded
from eventdesk.extract import context
from eventdesk.extract.args import is_verbal
from eventdesk.extract.circumstances import is_multi_year_toll
from eventdesk.extract.frames import (
    Arg,
    Frame,
    absorb,
    event_family,
    frames_in_sentence,
    learned_frame,
)
from eventdesk.extract.learned_roles import LearnedRoles, apply_learned_roles, tag_frame_sentences
from eventdesk.extract.quantities import SINGULAR_RULES
from eventdesk.extract.stats import STAT_CUE, StatMatch, find_stat
from eventdesk.extract.taxonomy import Taxonomy, load_taxonomy
from eventdesk.extract.typer import HEAD_CHARS, NONE, Guess, SentenceHeads, get_heads, sentence_vectors
from eventdesk.extract.typing_rules import choose_sub
from eventdesk.nlp import Sentence, is_heading, split_sentences
from eventdesk.nlp.sentences import MAX_SENTENCE_CHARS  # the splitter cuts longer sentences
from eventdesk.records import (
    Article,
    CasualtyCount,
    Mention,
    Role,
    Span,
    StatClaim,
    TimeRange,
    content_id,
)

__all__ = ["EXTRACTOR", "LEARNED_EXTRACTOR", "Extraction", "extract", "extract_many", "rule_subs_by_sentence"]

log = logging.getLogger(__name__)
EXTRACTOR = "eventdesk.rules"
#: The extractor name of a mention the learned typer found where no trigger word fired.
LEARNED_EXTRACTOR = "eventdesk.learned"
_LINK_WINDOW = 3  # sentences back for an antecedent
_MAX_WINDOW = 3000  # characters a context regex may scan
_MERGE_WINDOW = 4  # sentences back for an event a later sentence refers to
_HEAD_SENTENCES = (
    16  # kept sentences of one article the learned heads read (the encoder costs about twice spaCy per token)
)
_HEAD_LONGEST = 800  # characters: a longer "sentence" is a run-on the heads never read
_FACTION = re.compile(
    r"\b(?:the\s+)?(?:two|both|rival)\s+(?:factions|groups|sides|wings|camps)\b"
    r"|\b(?:each other|one another|the other side|rival faction)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one article yields: event mentions and statistical claims."""

    mentions: tuple[Mention, ...] = ()
    stat_claims: tuple[StatClaim, ...] = ()


def extract(article: Article, nlp: Any, *, learned: bool = True) -> Extraction:
    """Event mentions and statistical claims of one article (never raises on odd text)."""
    return extract_many([article], nlp, learned=learned)[0]


def extract_many(
    articles: Sequence[Article],
    nlp: Any,
    *,
    batch_size: int = 256,
    learned: bool = True,
    heads: SentenceHeads | None = None,
    encoder: Any = None,
) -> list[Extraction]:
    """:func:`extract` over many articles, with the kept sentences of all of them
    parsed in shared ``nlp.pipe`` batches (faster than one call per article) and
    encoded in shared encoder batches.

    ``learned=False`` runs the rules alone: the learned role tagger and sentence
    heads are then never loaded (the figures before them are measured so, and the
    sentence heads are trained on the rules' own reading). ``heads`` and ``encoder``
    default to the shipped sentence heads and the pinned encoder.
    """
    tax = load_taxonomy()
    heads = (heads or _shipped_heads()) if learned else None
    plans = [_plan(article, tax, heads) for article in articles]
    chunks = [chunk for plan in plans for chunk in plan.chunks]
    docs = iter(nlp.pipe(chunks, batch_size=batch_size))
    parsed = [[next(docs) for _ in plan.chunks] for plan in plans]
    framed = [_frames(plan, plan_docs) for plan, plan_docs in zip(plans, parsed, strict=True)]
    roles = _learned_roles(plans, parsed, [f for f, _ in framed]) if learned else [{} for _ in plans]
    vectors = _head_vectors(plans, heads, encoder)
    return [
        _finish(plan, plan_docs, frames, tax, tagged, _Heads(heads, vecs, spoiled))
        for plan, plan_docs, (frames, spoiled), tagged, vecs in zip(plans, parsed, framed, roles, vectors, strict=True)
    ]


def _shipped_heads() -> SentenceHeads | None:
    """The shipped sentence heads; a missing or altered file is logged as ``[ED060]`` and the
    rules run alone: extraction never fails for want of a learned head."""
    try:
        return get_heads()
    except EventdeskError as err:
        log.warning("%s", coded(err.code, f"sentence heads skipped, the rules alone type events: {err.message}"))
        return None


@dataclass(frozen=True, slots=True)
class _Heads:
    """The sentence heads (none when the rules run alone), one article's pooled vectors
    (``None`` for a sentence the heads do not read), and the sentences an odd parse spoiled."""

    heads: SentenceHeads | None
    vectors: list[Any]
    spoiled: set[int]


def _head_vectors(plans: Sequence[_Plan], heads: SentenceHeads | None, encoder: Any) -> list[list[Any]]:
    """Pooled vectors of each article's kept sentences, in one batched encoder pass.

    The heads read an article's first _HEAD_SENTENCES kept sentences, and none longer
    than _HEAD_LONGEST characters: a run-on scrape or a flattened table is not the
    sentences they learned from, and is left to the rules, so encoding stays bounded.
    """
    read = [[k < _HEAD_SENTENCES and len(c) <= _HEAD_LONGEST for k, c in enumerate(p.chunks)] for p in plans]
    texts = [c[:HEAD_CHARS] for p, r in zip(plans, read, strict=True) for c, ok in zip(p.chunks, r, strict=True) if ok]
    if heads is None or not texts:
        return [[None] * len(p.chunks) for p in plans]
    if encoder is None:
        from eventdesk.nlp.encoder import get_encoder  # the ONNX session is built on first use

        encoder = get_encoder()
    pooled = iter(sentence_vectors(encoder, texts))
    return [[next(pooled) if ok else None for ok in r] for r in read]


@dataclass
class _Plan:
    """One article split and filtered: what to parse, and what was found without parsing."""

    article: Article
    sentences: list[Sentence]
    kept: list[int]
    starts: list[int]
    chunks: list[str]
    blocked: dict[int, tuple[int, int]]
    stats: list[StatClaim]


def _plan(article: Article, tax: Taxonomy, heads: SentenceHeads | None = None) -> _Plan:
    text = article.text or ""
    sentences = split_sentences(text)
    kept, blocked, stats = _select_sentences(article, text, sentences, tax, heads)
    starts = [_clause_start(text, sentences[i]) for i in kept]
    chunks = [
        text[start : min(sentences[i].end, start + MAX_SENTENCE_CHARS)] for i, start in zip(kept, starts, strict=True)
    ]
    return _Plan(article, sentences, kept, starts, chunks, blocked, stats)


def _frames(plan: _Plan, docs: list[Any]) -> tuple[list[Frame], set[int]]:
    """Step 4: the frames of each parsed sentence, and the sentences an odd parse spoiled."""
    frames: list[Frame] = []
    spoiled: set[int] = set()
    tax = load_taxonomy()
    for index, start, doc in zip(plan.kept, plan.starts, docs, strict=True):
        try:
            frames.extend(frames_in_sentence(doc, start, index, plan.blocked.get(index), tax))
        except (ValueError, IndexError, KeyError, AttributeError) as err:  # one odd parse spoils one sentence only
            spoiled.add(index)
            log.warning("%s", coded("ED014", f"sentence {index} of article {plan.article.id} skipped: {err}"))
    return frames, spoiled


def _learned_roles(
    plans: Sequence[_Plan], parsed: Sequence[list[Any]], framed: Sequence[list[Frame]]
) -> list[dict[int, LearnedRoles]]:
    """The role tagger over the sentences that hold a frame, all articles in one batch: {sentence index: spans}."""
    wanted: list[tuple[int, int, Any, int]] = []  # (plan, sentence index, doc, offset)
    for p, (plan, docs, frames) in enumerate(zip(plans, parsed, framed, strict=True)):
        with_frames = {f.sentence_index for f in frames}
        wanted.extend(
            (p, index, doc, start)
            for index, start, doc in zip(plan.kept, plan.starts, docs, strict=True)
            if index in with_frames
        )
    out: list[dict[int, LearnedRoles]] = [{} for _ in plans]
    tagged = tag_frame_sentences([(doc, start) for _, _, doc, start in wanted])
    for (p, index, _, _), roles in zip(wanted, tagged or (), strict=False):
        out[p][index] = roles
    return out


def _finish(
    plan: _Plan, docs: list[Any], frames: list[Frame], tax: Taxonomy, learned: dict[int, LearnedRoles], heads: _Heads
) -> Extraction:
    article, sentences, text = plan.article, plan.sentences, plan.article.text or ""
    # A toll summed over years ("40,000 kidnapped since 1954") is background, not an event.
    year = article.published.year if article.published else None
    frames = [f for f in frames if not is_multi_year_toll(f.trigger, year)]
    doc_state = _Document(text, sentences)
    for frame in frames:
        _link_anaphors(frame, doc_state)
        _claimant_as_actor(frame)
        _code_factions(frame, doc_state)
        frame.sub = choose_sub(frame, text[frame.sent_start : frame.sent_end])
        _protest_actor_types(frame, tax)
    frames = _merge_references(frames, text)
    if heads.heads is not None:
        frames = _apply_heads(plan, docs, heads.vectors, frames, heads.heads, tax, doc_state, heads.spoiled)
    for frame in frames:
        _actor_from_claim_or_blame(frame, frames, doc_state)
        _fallback_place(frame, doc_state)
        if frame.sentence_index in learned:
            apply_learned_roles(frame, learned[frame.sentence_index], tax.event_type_of[frame.sub])
    mentions = tuple(_mention(article, f, tax, sentences) for f in frames)
    return Extraction(mentions=mentions, stat_claims=tuple(plan.stats))


_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][\w .'-]{1,40})?\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s*")


def _clause_start(text: str, sentence: Sentence) -> int:
    """ "MAIDUGURI, Nigeria (Sahel Wire) — Fighters ...": the dateline is not part of the clause."""
    m = _DATELINE.match(text, sentence.start, sentence.end)
    return m.end() if m else sentence.start


@dataclass
class _Document:
    text: str
    sentences: list[Sentence]

    def window_start(self, index: int, back: int, end: int | None = None) -> int:
        """Start of the sentence ``back`` before ``index``, but never more than
        ``_MAX_WINDOW`` characters before ``end``: regexes stay cheap on run-on text."""
        start = self.sentences[max(0, index - back)].start
        limit = (self.sentences[index].end if end is None else end) - _MAX_WINDOW
        return max(start, limit)


def rule_subs_by_sentence(mentions: Sequence[Mention], sentences: Sequence[tuple[int, int]]) -> list[str | None]:
    """The sub-type of the first mention whose trigger lies in each (start, end) sentence:
    the rules' reading a learned head takes as a feature (``None`` where they coded nothing)."""
    out: list[str | None] = []
    for start, end in sentences:
        inside = sorted((m.trigger.start, m.sub_event_type) for m in mentions if start <= m.trigger.start < end)
        out.append(inside[0][1] if inside else None)
    return out


def _apply_heads(
    plan: _Plan,
    docs: list[Any],
    vectors: list[Any],
    frames: list[Frame],
    heads: SentenceHeads,
    tax: Taxonomy,
    doc_state: _Document,
    spoiled: set[int],
) -> list[Frame]:
    """Let the learned heads drop background, retype, and add events, sentence by sentence."""
    import numpy as np

    read = [k for k, v in enumerate(vectors) if v is not None]
    if not read:
        return frames
    text = plan.article.text or ""
    kept = [plan.kept[k] for k in read]
    starts = [plan.starts[k] for k in read]
    spans = [(s, min(plan.sentences[i].end, s + MAX_SENTENCE_CHARS)) for i, s in zip(kept, starts, strict=True)]
    own = {i: [f for f in frames if f.sentence_index == i] for i in kept}
    rule_subs = [own[i][0].sub if own[i] else None for i in kept]
    year = plan.article.published.year if plan.article.published else None
    sentence_texts = [text[s:e] for s, e in spans]
    guesses = heads.guess(sentence_texts, np.stack([vectors[k] for k in read]), rule_subs, [year] * len(spans))
    referred = {m.sentence_index for f in frames for m in f.merged_from}
    limits = heads.thresholds
    out = list(frames)
    for index, start, doc, guess in zip(kept, starts, [docs[k] for k in read], guesses, strict=True):
        mine = own[index]
        if index in spoiled:
            continue  # an odd parse spoils its sentence for the heads too
        if guess.background >= limits["background"]:
            gone = {id(f) for f in mine if f.status.status in _HAPPENED}
            out = [f for f in out if id(f) not in gone]
        elif guess.sub == NONE:
            if guess.prob >= limits["drop"]:
                gone = {id(f) for f in mine}
                out = [f for f in out if id(f) not in gone]
        elif mine:
            if guess.prob >= limits["retype"]:
                _retype(mine, guess, tax, limits["keep"])
        elif guess.prob >= limits["add"] and index not in referred:
            frame = _learned_frame(doc, start, index, guess, tax, plan.article.id)
            if frame is not None:
                _link_anaphors(frame, doc_state)
                _claimant_as_actor(frame)
                _protest_actor_types(frame, tax)
                out.append(frame)
    return sorted(out, key=lambda f: (f.sentence_index, f.trigger.i))


def _retype(mine: list[Frame], guess: Guess, tax: Taxonomy, keep: float) -> None:
    """One frame in the sentence takes the typer's sub-type; of several, only those of its family.
    A frame keeps the rules' sub-type while the typer gives that one at least ``keep``."""
    if any(f.sub == guess.sub for f in mine):
        return
    family = event_family(guess.sub)
    chosen = mine if len(mine) == 1 else [f for f in mine if event_family(f.sub) == family]
    for frame in chosen:
        if guess.probs.get(frame.sub, 0.0) >= keep:
            continue
        frame.sub = guess.sub
        _protest_actor_types(frame, tax)


def _learned_frame(doc: Any, start: int, index: int, guess: Guess, tax: Taxonomy, article_id: str) -> Frame | None:
    try:
        return learned_frame(doc, start, index, guess.sub, tax)
    except (ValueError, IndexError, KeyError, AttributeError) as err:  # one odd parse spoils one sentence only
        log.warning("%s", coded("ED014", f"sentence {index} of article {article_id} skipped: {err}"))
        return None


def _select_sentences(
    article: Article, text: str, sentences: list[Sentence], tax: Taxonomy, heads: SentenceHeads | None = None
) -> tuple[list[int], dict[int, tuple[int, int]], list[StatClaim]]:
    lines = text.split("\n")
    kept: list[int] = []
    blocked: dict[int, tuple[int, int]] = {}
    stats: list[StatClaim] = []
    maybe: list[int] = []  # reporting sentences no trigger word names: the cue head decides
    for i, sent in enumerate(sentences):
        line = lines[sent.line]
        if is_non_reporting(line) or is_heading(line):
            continue
        stext = text[sent.start : sent.end]
        if STAT_CUE.search(stext):
            match = find_stat(stext[:MAX_SENTENCE_CHARS])
            if match is not None:
                stats.append(_stat_claim(article, sent.start, match))
                blocked[i] = (sent.start + match.start, sent.start + match.end)
                stext = stext[: match.start] + " " * (match.end - match.start) + stext[match.end :]
        if tax.candidate_regex.search(stext[:MAX_SENTENCE_CHARS]):
            kept.append(i)
        elif i not in blocked:
            maybe.append(i)
    if heads is not None and maybe:
        cues = heads.cue([text[sentences[i].start : sentences[i].end][:MAX_SENTENCE_CHARS] for i in maybe])
        kept = sorted(kept + [i for i, p in zip(maybe, cues, strict=True) if p >= heads.thresholds["cue"]])
    return kept, blocked, stats


def _protest_actor_types(frame: Frame, tax: Taxonomy) -> None:
    """People who demonstrate are coded as protesters (or rioters), whatever their head noun."""
    actor_type = {"Protests": "protesters", "Riots": "rioters"}.get(tax.event_type_of[frame.sub])
    if actor_type is None or frame.sub == "Excessive force against protesters":
        return
    for arg in frame.actors:
        if arg.kind in (None, "civilians", "protesters"):
            arg.kind = actor_type


def _link_anaphors(frame: Frame, doc: _Document) -> None:
    """Pronouns and descriptions ("they", "the group", "him") -> nearest compatible name.

    The role's span becomes the antecedent's words in the text (so a resolver
    reads a name, not "they"); ``Arg.link`` keeps the pronoun's offsets.
    """
    for role, args in (("actor", frame.actors), ("target", frame.targets)):
        for i, arg in enumerate(args):
            words = doc.text[arg.start : arg.end].lower()
            category = (
                "person"
                if words in context.anaphors()["person"]
                else "group"
                if (words in context.anaphors()["group"] or arg.is_pronoun)
                else None
            )
            if category is None:
                continue
            found = _antecedent(doc, frame.sentence_index, arg.start, category, role, frame)
            if found is not None:
                args[i] = Arg(
                    found.start,
                    found.end,
                    kind=arg.kind,
                    name=found.text,
                    head_lemma=arg.head_lemma,
                    link=(arg.start, arg.end),
                )


def _antecedent(
    doc: _Document, index: int, before: int, category: str, role: str, frame: Frame
) -> context.TextMention | None:
    start = doc.window_start(index, _LINK_WINDOW, before)
    taken = {(a.start, a.end) for a in frame.targets + frame.actors}
    if category == "person":
        pool = context.person_mentions(doc.text, start, before)
    elif role == "target":
        near = doc.window_start(index, 1, before)
        people = [
            m
            for m in context.human_plural_mentions(doc.text, near, before)
            if not m.text.lower().startswith(("they", "their"))
        ]
        pool = people or context.group_mentions(doc.text, start, before)
    else:
        pool = context.group_mentions(doc.text, start, before)
    pool = [m for m in pool if (m.start, m.end) not in taken and m.end <= before]
    return pool[-1] if pool else None


def _code_factions(frame: Frame, doc: _Document) -> None:
    """ "the two factions killing members of the other side": both sides, actor = parent group."""
    words = " ".join(doc.text[a.start : a.end] for a in frame.actors + frame.targets)
    if not _FACTION.search(words):
        return
    start = doc.window_start(frame.sentence_index, 2)
    sides = context.faction_sides(doc.text, start, frame.sent_end)
    if sides is None:
        return
    frame.sides = [Arg(s.start, s.end, name=s.text) for s in sides]
    groups = context.group_mentions(doc.text, max(0, sides[0].start - 10 * _MAX_WINDOW), sides[0].start)
    if groups:
        counts = Counter(g.text for g in groups)
        parent = max(reversed(groups), key=lambda g: counts[g.text])
        frame.actors = [Arg(parent.start, parent.end, kind="rebel group", name=parent.text)]
    else:
        frame.actors = []
    frame.targets = []
    frame.intra_group = True


_HAPPENED = ("asserted", "reported")
_STANCES = ("claimed", "denied", "alleged")


def _merge_references(frames: list[Frame], text: str) -> list[Frame]:
    """Fold frames that only refer back to an earlier event into it.

    "the attack was called off", "he was subsequently killed", "The device
    exploded as a convoy passed": no new event. A later claim or denial about
    the earlier event ("Al-Shabaab claimed responsibility for the bombing") stays
    a mention of its own, with that status, so the stance is not lost; it takes
    the earlier event's type and circumstances, and a claimant becomes its actor.
    """
    kept: list[Frame] = []
    for frame in sorted(frames, key=lambda f: (f.sentence_index, f.trigger.i)):
        host = _referent(frame, kept, text)
        if host is None:
            if not (frame.anaphoric and not frame.casualties):
                kept.append(frame)
        elif frame.status.status in _STANCES and host.status.status != frame.status.status:
            _take_context(frame, host)
            kept.append(frame)
        else:
            absorb(host, frame)
    return kept


def _referent(frame: Frame, earlier: list[Frame], text: str) -> Frame | None:
    if frame.anaphoric:
        window = [f for f in earlier if 0 <= frame.sentence_index - f.sentence_index <= 6]
        return next((f for f in reversed(window) if _family(f) == _family(frame)), None)
    recent = [f for f in earlier if 0 < frame.sentence_index - f.sentence_index <= _MERGE_WINDOW]
    if not _refers_back(frame, text):
        return None  # names someone new: a new event
    for host in reversed(recent):
        same_status = host.status.status == frame.status.status or (
            host.status.status in _HAPPENED and frame.status.status in _HAPPENED + _STANCES
        )
        if (
            _family(host) == _family(frame)
            and same_status
            and not _counts_conflict(host, frame)
            and not _dated_apart(host, frame, text)
        ):
            return host
    return None


def _refers_back(frame: Frame, text: str) -> bool:
    """Every participant is a pronoun, a linked description or a definite noun phrase
    ("the governor", "the men", "the device"), or the frame is a bare casualty
    follow-up ("Several protesters were injured")."""
    if not frame.actors and frame.priority <= 3 and frame.entry.casualty:
        return True
    if not frame.actors and not frame.targets:
        # "The device exploded": a verb with nothing new; "a second strike": a new event
        dets = {c.lower_ for c in frame.trigger.children if c.dep_ in ("det", "poss")}
        return is_verbal(frame.trigger) or bool(dets & {"the", "this", "that", "its"})
    for arg in frame.actors + frame.targets:
        if arg.link or arg.is_pronoun or arg.described:
            continue
        words = text[arg.start : arg.end]
        if not words.lower().startswith(lexicons.words("definite-openers")) or _has_name(words):
            return False
    return True


def _has_name(words: str) -> bool:
    return any(w[:1].isupper() for w in words.split()[1:])


def _claimant_as_actor(frame: Frame) -> None:
    """ "X claimed responsibility for the kidnapping": with no actor of its own, the claimant is the actor."""
    if frame.status.status == "claimed" and frame.status.source and not frame.actors:
        s, e = frame.status.source
        doc = frame.trigger.doc
        frame.actors = [Arg(frame.offset + doc[s].idx, frame.offset + doc[e - 1].idx + len(doc[e - 1].text))]


_EVENT_NOUN = r"(?:attack|killing|murder|bombing|blast|explosion|kidnapping|abduction|assassination|shooting|ambush)s?"
# after a group's name: "X (later) claimed responsibility", "X has claimed the bombing"
_CLAIM_AFTER = re.compile(
    rf"\s+(?:\w+\s+){{0,2}}?(?:has\s+|have\s+|had\s+)?(?:claimed|admitted)\s+(?:responsibility|it\b|the\s+{_EVENT_NOUN})",
    re.I,
)
# after a group's name, the victim condemned just before the killing: "ISIS commanders
# branded him an apostate ... and he was subsequently killed"
_CONDEMNED_AFTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:had\s+|have\s+|has\s+)?(?:branded|declared|denounced)\s+(?:him|her|them)\s+"
    r"(?:as\s+)?(?:an?\s+)?(?:apostates?|traitors?|spy|spies|infidels?|collaborators?)\b",
    re.I,
)
# before a group's name: "police blamed (the attack on) X", "was blamed on X", "accused X"
_BLAME_BEFORE = re.compile(
    rf"\b(?:(?:blamed|accused)(?:\s+the\s+{_EVENT_NOUN}\s+on)?|blamed\s+on|attributed\s+(?:it|the\s+{_EVENT_NOUN})\s+to)"
    r"\s+(?:the\s+)?(?:al-)?$",  # the name finder leaves out an "al-"
    re.I,
)


def _actor_from_claim_or_blame(frame: Frame, frames: list[Frame], doc: _Document) -> None:
    """An agentless passive ("a district governor was assassinated") takes the group that
    its own or the next sentence says claimed it ("The Taliban claimed responsibility")
    or blames for it ("Police blamed al-Shabaab"), unless that next sentence tells
    another event of its own."""
    if frame.actors or frame.sides or frame.status.status not in _HAPPENED:
        return
    index = frame.sentence_index
    last = index + 1 if index + 1 < len(doc.sentences) else index
    if any(f.sentence_index == last != index and f.status.status not in _STANCES and f is not frame for f in frames):
        last = index  # the next sentence tells its own event: a claim there is about that one
    start, end = doc.sentences[index].start, doc.sentences[last].end
    taken = {(a.start, a.end) for a in frame.targets}
    for group in context.group_mentions(doc.text, start, end):
        if (group.start, group.end) in taken:
            continue
        before = doc.text[max(start, group.start - 60) : group.start]
        after = doc.text[group.end : end]
        if _CLAIM_AFTER.match(after) or _CONDEMNED_AFTER.match(after) or _BLAME_BEFORE.search(before):
            s = group.start - 3 if doc.text[max(0, group.start - 3) : group.start].lower() == "al-" else group.start
            frame.actors = [Arg(s, group.end, name=doc.text[s : group.end])]
            return


def _take_context(frame: Frame, host: Frame) -> None:
    frame.sub = host.sub
    _claimant_as_actor(frame)
    for attr in ("targets", "places", "times"):
        if not getattr(frame, attr):
            setattr(frame, attr, list(getattr(host, attr)))


_YEAR_OR_AGO = re.compile(r"\b(?:19|20)\d\d\b|\bago\b", re.I)


def _dated_apart(host: Frame, frame: Frame, text: str) -> bool:
    """ "His brother was killed in 2017": a frame dated by a year (or "years ago")
    that the earlier event does not share is another event, however it is worded."""
    own = {text[t.start : t.end].lower() for t in frame.times}
    dated = {t for t in own if _YEAR_OR_AGO.search(t)}
    return bool(dated) and not dated & {text[t.start : t.end].lower() for t in host.times}


def _family(frame: Frame) -> str:
    return event_family(frame.sub)


def _counts_conflict(a: Frame, b: Frame) -> bool:
    return any(
        k in a.casualties and a.casualties[k].count.best != c.count.best
        for k, c in b.casualties.items()
        if c.count.rule not in SINGULAR_RULES
    )


def _fallback_place(frame: Frame, doc: _Document) -> None:
    """No place in the sentence: the nearest place named around it, nearest first:
    earlier sentences of the paragraph, the next sentence, then neighbouring paragraphs."""
    if frame.places:
        return
    for other in [frame, *frame.merged_from]:
        if other.places:
            frame.places = list(other.places)
            return
    best: tuple[int, context.TextMention] | None = None
    for member in [frame, *frame.merged_from]:
        found = _nearest_place(member.sentence_index, doc)
        if found and (best is None or found[0] < best[0]):
            best = found
    if best is not None:
        frame.places = [Arg(best[1].start, best[1].end, name=best[1].text, kind="context")]


def _nearest_place(index: int, doc: _Document) -> tuple[int, context.TextMention] | None:
    sents = doc.sentences
    line = sents[index].line
    order = [(0, index)]
    for d in range(1, 4):
        if index - d >= 0:
            order.append((d if sents[index - d].line == line else d + 1, index - d))
        if index + d < len(sents):
            order.append((d + 1 if sents[index + d].line == line else d + 2, index + d))
    for cost, j in sorted(order):
        hits = context.place_mentions(doc.text, sents[j].start, min(sents[j].end, sents[j].start + _MAX_WINDOW))
        if hits and cost <= 4:
            return cost, hits[-1] if j < index else hits[0]
    return None


def _span(article: Article, start: int, end: int) -> Span:
    return Span(article_id=article.id, start=start, end=end, text=article.text[start:end])


def _mention(article: Article, f: Frame, tax: Taxonomy, sentences: list[Sentence]) -> Mention:
    trigger = _span(article, *f.trigger_span)
    roles: list[Role] = []
    for role, args in (
        ("actor", f.actors),
        ("target", f.targets),
        ("side", f.sides),
        ("place", f.places[:2]),
        ("time", f.times[:1]),
        ("weapon", f.weapons[:2]),
    ):
        for a in args:
            roles.append(
                Role(
                    role=cast(Any, role),  # one of the role names listed just above
                    span=_span(article, a.start, a.end),
                    kind=a.kind,
                    name=a.name,
                )
            )
    casualties = tuple(
        CasualtyCount(
            kind=cast(Any, c.kind),  # quantities.py emits only the four casualty kinds
            low=c.count.low,
            best=c.count.best,
            high=c.count.high,  # type: ignore[arg-type]
            span=_span(article, c.start, c.end),
            rule=c.count.rule,
        )
        for c in f.casualties.values()
    )
    doc = f.trigger.doc
    cue = _token_span(article, f, f.status.cue) if f.status.cue else None
    source = _token_span(article, f, f.status.source) if f.status.source else None
    sent = sentences[f.sentence_index]
    return Mention(
        id=Mention.make_id(article.id, trigger, f.sub),
        article_id=article.id,
        event_type=tax.event_type_of[f.sub],
        sub_event_type=f.sub,
        trigger=trigger,
        sentence=_span(article, sent.start, sent.end),
        roles=tuple(roles),
        casualties=casualties,
        time=TimeRange(span=_span(article, f.times[0].start, f.times[0].end)) if f.times else None,
        status=f.status.status,  # type: ignore[arg-type]
        status_cue=cue,
        attributed_to=source,
        intra_group=f.intra_group,
        extractor=LEARNED_EXTRACTOR if f.learned else EXTRACTOR,
        extractor_version=tax.version,
        score=_score(f, doc),
    )


def _token_span(article: Article, f: Frame, rng: tuple[int, int]) -> Span:
    doc = f.trigger.doc
    start = f.offset + doc[rng[0]].idx
    last = doc[rng[1] - 1]
    return _span(article, start, f.offset + last.idx + len(last.text))


def _score(f: Frame, doc: Any) -> float:
    """A rough confidence: a frame with an actor, a victim/target and a place is best supported."""
    have = sum(bool(x) for x in (f.actors or f.sides, f.targets or f.casualties, f.places))
    return round(0.55 + 0.15 * have, 2)


def _stat_claim(article: Article, offset: int, m: StatMatch) -> StatClaim:
    span = _span(article, offset + m.start, offset + m.end)
    period = TimeRange(span=_span(article, offset + m.period[0], offset + m.period[1])) if m.period else None
    attributed = _span(article, offset + m.sources[0][0], offset + m.sources[0][1]) if m.sources else None
    return StatClaim(
        id=content_id("statclaim", article.id, span.start, span.end),
        article_id=article.id,
        span=span,
        value=m.value,
        unit=m.unit,  # type: ignore[arg-type]
        population=m.population,
        subset=m.subset,
        period=period,
        perpetrator=m.perpetrator,
        target=m.subset,
        source_chain=tuple(s[2] for s in m.sources),
        attributed_to=attributed,
    )
