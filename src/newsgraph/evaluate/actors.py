"""Actor scoring (FORMAT.md): a predicted actor matches a gold actor when its name or one
of its mentions equals, ignoring case, the gold name or a gold mention that is not a pronoun."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Actor, Analysis
from .gold import GoldActor, GoldFile
from .metrics import PRF, match_one_to_one

PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs "
    "himself herself itself themselves ourselves".split()
)


def gold_forms(actor: GoldActor) -> set[str]:
    return {actor.name.lower()} | {m.lower() for m in actor.mentions if m.lower() not in PRONOUNS}


def predicted_forms(actor: Actor) -> set[str]:
    return {actor.name.lower()} | {m.text.lower() for m in actor.mentions}


def actor_matches(gold: GoldActor, predicted: Actor) -> bool:
    return bool(gold_forms(gold) & predicted_forms(predicted))


def match_score(gold: GoldActor, predicted: Actor) -> float:
    """How well a predicted actor fits a gold one: 0 when they do not match; else more for
    the same canonical name and for more shared surface forms."""
    shared = gold_forms(gold) & predicted_forms(predicted)
    if not shared:
        return 0.0
    return len(shared) + (10.0 if gold.name.lower() == predicted.name.lower() else 0.0)


@dataclass
class ActorAlignment:
    """Which predicted actor stands for which gold actor in one document."""

    gold_to_predicted: dict[str, str]
    gold: GoldFile
    analysis: Analysis

    def same(self, gold_id: str | None, predicted_id: str | None) -> bool:
        """Whether a predicted actor id is the gold actor (by the matching rule, so that a
        gold actor that was not aligned can still be recognised by its names)."""
        if gold_id is None or predicted_id is None:
            return gold_id is None and predicted_id is None
        if self.gold_to_predicted.get(gold_id) == predicted_id:
            return True
        gold_actor = self.gold.actor(gold_id)
        predicted = self.analysis.actor(predicted_id)
        return bool(gold_actor and predicted and actor_matches(gold_actor, predicted))


@dataclass
class ActorScore:
    prf: PRF
    mentions_found: int = 0
    mentions_gold: int = 0
    missed: list[GoldActor] = field(default_factory=list)
    spurious: list[Actor] = field(default_factory=list)
    missed_mentions: list[tuple[str, str]] = field(default_factory=list)  # (gold actor id, mention)


def align_actors(gold: GoldFile, analysis: Analysis) -> ActorAlignment:
    pairs = match_one_to_one(gold.actors, analysis.actors, match_score)
    mapping = {gold.actors[i].id: analysis.actors[j].id for i, j in pairs.items()}
    return ActorAlignment(mapping, gold, analysis)


def score_actors(gold: GoldFile, analysis: Analysis, alignment: ActorAlignment) -> ActorScore:
    matched_predicted = set(alignment.gold_to_predicted.values())
    score = ActorScore(PRF(len(alignment.gold_to_predicted), len(analysis.actors), len(gold.actors)))
    for gold_actor in gold.actors:
        predicted_id = alignment.gold_to_predicted.get(gold_actor.id)
        if predicted_id is None:
            score.missed.append(gold_actor)
            continue
        found = {m.text.lower() for m in analysis.actor(predicted_id).mentions}
        for mention in dict.fromkeys(gold_actor.mentions):
            score.mentions_gold += 1
            if mention.lower() in found:
                score.mentions_found += 1
            else:
                score.missed_mentions.append((gold_actor.id, mention))
    score.spurious = [a for a in analysis.actors if a.id not in matched_predicted]
    return score
