"""The examples of FORMAT.md, copied word for word: what an author following only the
format writes must be accepted, and the one rule the example itself states is kept."""

from __future__ import annotations

from conftest import catalog_of, problems_of

PERSONA = """\
---
name: Zhang Li                       # required
role: Marketing manager, mid-size tech company
photo: zhang-li.jpg                  # relative to this file; stays inside the project
segment: B2B
quote: "I just want leads to stop getting lost between tools."
demographics: {age: 32, city: Shanghai}   # any key: value pairs, shown as a table
goals: [Hit the quarterly lead target]
frustrations: [Three tools that do not talk to each other]
needs: [One view of every lead]
motivations: [Recognition from her manager]
channels: [WeChat, Email, LinkedIn]  # preferred channels
tags: [b2b]
---
Free Markdown: background, research notes, evidence.
"""

MAP = """\
---
title: First purchase                # required
state: current                       # required: current | future
persona: zhang-li                    # required: a persona id, or a list of ids
journey: first-purchase              # optional, see Files
type: customer-journey               # customer-journey (default) | purchase-journey
                                     # | day-in-the-life | service-blueprint | onboarding
description: How a new buyer gets from an ad to a first order.   # one line, used in lists and link previews
goal: Raise first-order conversion from 2.1% to 3%               # the business goal
scope: New customers, mobile app
owner: growth-team
tags: [ecommerce, mobile]
reviewed: 2026-10-01                 # last validated with real customers
review_every: 90                     # days (site default 90); then the map is shown as due for review
draft: false                         # true: left out of the built site (shown by mkdocs serve)
aliases: [checkout]                  # earlier journey ids: their URLs keep working
sources:                             # research behind the map
  - id: interviews-q3
    kind: interview                  # interview | survey | analytics | support | social | other
    title: 12 customer interviews, August 2026
    url: https://wiki.example.com/research/q3
stages:                              # required, at least one
  - name: Awareness                  # required
    id: awareness
    description: The buyer learns the brand exists.
    kpis:
      - {name: Ad click-through, value: 1.8%, target: 2.5%}
    steps:                           # required, at least one
      - name: Sees a friend's post   # required
        id: friend-post
        touchpoint: WeChat Moments post
        channel: social              # see Channels
        actions: Scrolls the feed, taps the post
        thoughts: "Is this legit?"
        emotion: 1                   # a number on the emotion scale, see below
        feeling: curious             # a word for the point on the curve
        quote: "My friend never posts ads, so I looked."
        moment_of_truth: false
        actors: [Friend]             # who else takes part: staff, systems, other people
        evidence: [interviews-q3]    # source ids
        pain_points:
          - id: slow-pay
            text: Payment jumps through three pages
            severity: high           # low | medium | high
            evidence: [interviews-q3]
        opportunities:
          - id: one-tap-pay
            text: One-tap payment
            priority: high           # low | medium | high
            owner: payments-team
            status: planned          # idea | planned | in-progress | done
            addresses: [slow-pay]    # pain point ids in this map
        frontstage: [Landing page]   # service-blueprint lanes
        backstage: [Campaign targeting]
        support: [Ad platform]
        resolves: [slow-pay]         # future state only: pain ids of the current state
---
Free Markdown: context, method, what changed since the last review.
"""


def files(**extra: str | bytes) -> dict[str, str | bytes]:
    return {"personas/zhang-li.md": PERSONA, "personas/zhang-li.jpg": b"\xff\xd8\xff\xe0 not a real jpeg", **extra}


def test_the_example_persona_and_map_as_a_future_state(site):
    current = MAP.replace(
        "        resolves: [slow-pay]         # future state only: pain ids of the current state\n", ""
    )
    future = MAP.replace("state: current ", "state: future  ")
    root = site(files(**{"maps/first-purchase/current.md": current, "maps/first-purchase/future.md": future}))
    catalog = catalog_of(root)
    journey = catalog.journeys["first-purchase"]
    step = journey.states["future"].stages[0].steps[0]
    assert (step.id, step.channel, step.emotion, step.resolves) == ("friend-post", "social", 1, ["slow-pay"])
    assert catalog.personas["zhang-li"].demographics == {"age": "32", "city": "Shanghai"}
    assert catalog.personas["zhang-li"].photo == "personas/zhang-li.jpg"


def test_the_example_map_as_a_current_state_keeps_resolves_for_future_maps(site):
    root = site(files(**{"maps/first-purchase/current.md": MAP}))
    line = (
        MAP.splitlines().index(
            "        resolves: [slow-pay]         # future state only: pain ids of the current state"
        )
        + 1
    )
    assert problems_of(root) == [
        f"maps/first-purchase/current.md:{line}: 'resolves' belongs in a future-state map; it names pain points of the current state"
    ]
