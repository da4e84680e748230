"""A persona's role in the purchase, worded to agree with the persona: in Spanish a buyer is
"compradora", "comprador" or, when the persona says no gender, "persona compradora". English has
one word for all three. The forms are gettext contexts ("female", "male", "neutral") of the role's
English word, so a translator adds a language's forms in its .po files alone."""

from __future__ import annotations

from cjm.present.i18n import N_, Words

ROLES = {
    "buyer": N_("buyer"),
    "decision-maker": N_("decision-maker"),
    "influencer": N_("influencer"),
    "prescriber": N_("prescriber"),
    "user": N_("user"),
}


def role_word(role: str, gender: str | None, t: Words) -> str:
    """`role` as people read it, agreeing with a persona of `gender` (neutral when None)."""
    if role not in ROLES:
        return role
    form = gender or "neutral"
    if form == "female":
        return t.in_context("female", ROLES[role])
    if form == "male":
        return t.in_context("male", ROLES[role])
    return t.in_context("neutral", ROLES[role])
