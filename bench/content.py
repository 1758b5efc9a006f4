"""The benchmark's content: N maps and their personas, generated from a seed.

Every map uses the whole authoring format (docs/authoring.md): sources, stages with
descriptions and KPIs, fifteen steps with touchpoints, channels, actions, thoughts,
emotions, feelings, quotes, actors, evidence, pain points and opportunities, service
blueprint lanes, both states of a journey with `resolves`, aliases, `part_of`. One in ten
journeys is written in Chinese. ``tests/test_bench.py`` fails when the format gains a key
that no generated file uses, so the benchmark keeps up with the format.

The data is plain dictionaries, exactly the front matter the files hold: ``sites.py``
writes them as map files for the journeymaps site and as Markdown pages for the plain one.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

STAGES_PER_MAP = 5
STEPS_PER_STAGE = 3
PERSONAS_PER_MAP = 0.1  # 1000 maps, 100 personas


def words(text: str) -> list[str]:
    return text.split()


WORDS = words(
    """
account address advice agent alert answer app approval article balance basket bill booking
branch budget call card cart case chat check checkout claim code confirmation contact
contract coupon courier credit dashboard deadline delivery deposit detail device discount
document download email error estimate expense fee feedback field file form guide help
history hotline identity installment invoice item journey label limit link list loan login
manager member message account notice number offer order package page parcel partner
password payment permit phone photo plan policy portal price profile promotion purchase
question quote rate receipt record refund reminder renewal report request return review
reward rule schedule screen search service session setting shipment signature size slot
status step store subscription summary support survey tariff team ticket timeline token
total tracking transfer trial upgrade upload voucher wallet warranty website window
"""
)
VERBS = words(
    """
asks checks compares waits searches opens reads fills uploads signs pays calls confirms
cancels tracks reviews shares saves chooses books renews returns changes finds compares
"""
)
FEELINGS = words(
    """
curious hopeful calm confident relieved impatient annoyed confused anxious frustrated
pleased
"""
)
ZH_WORDS = words(
    """
账户 地址 客服 预约 账单 购物车 结算 优惠券 快递 配送 发票 物流 退款 会员 订单 支付 积分
评价 小程序 短信 通知 审核 合同 表单 身份 验证 密码 门店 电话 进度
页面 押金 套餐 续费
"""
)
ZH_FEELINGS = ["好奇", "期待", "放心", "满意", "着急", "不耐烦", "困惑", "焦虑", "失望", "安心"]
FIRST = words("Alex Maria Priya Sam David Chen Fatima Lucas Aiko Omar Sofia Noah Lena Ravi Grace Tom")
LAST = words("Santos Raman Lee Okafor Novak Garcia Kim Haddad Berg Rossi Silva Tanaka Dubois Evans")
ZH_NAMES = ["张丽", "王伟", "李娜", "刘洋", "陈静", "杨帆", "赵敏", "黄磊"]
TEAMS = ["growth-team", "payments-team", "service-team", "onboarding-team", "care-team", "logistics-team"]
TAGS = ["retail", "banking", "health", "insurance", "mobile", "b2b", "b2c", "self-service", "onboarding", "loyalty"]
CITIES = ["Shanghai", "Lisbon", "Chennai", "Lagos", "Berlin", "Toronto", "Osaka", "Madrid"]
# Channels of the site vocabulary, and one a site has not declared (shown as plain text).
CHANNELS = words("web app email phone chat social store event mail sales partner word-of-mouth kiosk")
TYPES = ("customer-journey", "service-blueprint", "purchase-journey", "day-in-the-life", "onboarding")
STAGE_NAMES = {
    "customer-journey": ["Discover", "Consider", "Buy", "Use", "Get help"],
    "service-blueprint": ["Request", "Assess", "Deliver", "Follow up", "Renew"],
    "purchase-journey": ["Browse", "Compare", "Checkout", "Pay", "Receive"],
    "day-in-the-life": ["Morning", "Commute", "Work", "Evening", "Weekend"],
    "onboarding": ["Sign up", "Verify", "Set up", "First use", "Settle in"],
}
ZH_STAGE_NAMES = ["认知", "考虑", "购买", "使用", "售后"]
SOURCE_KINDS = ("interview", "survey", "analytics", "support", "social", "other")
LEVELS = ("low", "medium", "high")
STATUSES = ("idea", "planned", "in-progress", "done")


@dataclass
class Persona:
    id: str
    front: dict
    body: str
    photo: bool = False  # personas/<id>.png exists


@dataclass
class Journey:
    id: str
    maps: dict[str, dict]  # state -> front matter
    bodies: dict[str, str] = field(default_factory=dict)
    single_file: bool = False  # maps/<id>.md rather than maps/<id>/<state>.md
    zh: bool = False


@dataclass
class Content:
    personas: list[Persona]
    journeys: list[Journey]
    # metric id -> (the date of its latest observation, rows): written as metrics/<id>.csv
    metrics: dict[str, tuple[dt.date, int]] = field(default_factory=dict)

    @property
    def map_count(self) -> int:
        return sum(len(j.maps) for j in self.journeys)


class Writer:
    """Random but repeatable words, in English or Chinese."""

    def __init__(self, rng: random.Random, zh: bool = False):
        self.rng = rng
        self.zh = zh

    def phrase(self, low: int, high: int) -> str:
        n = self.rng.randint(low, high)
        if self.zh:
            return "".join(self.rng.choice(ZH_WORDS) for _ in range(max(2, n // 2 + 1)))
        words = [self.rng.choice(WORDS) for _ in range(n)]
        if n > 3:
            words.insert(1, self.rng.choice(VERBS))
        return " ".join(words).capitalize()

    def sentence(self, low: int, high: int) -> str:
        return self.phrase(low, high) + ("。" if self.zh else ".")

    def feeling(self) -> str:
        return self.rng.choice(ZH_FEELINGS if self.zh else FEELINGS)

    def emotion(self, lift: float = 0.0) -> float:
        return max(-2.0, min(2.0, self.rng.choice([-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]) + lift))


def generate(maps: int, seed: int = 7, measured: bool = False, rows: int = 500) -> Content:
    """``maps`` maps: journeys of two states (the last one alone when ``maps`` is odd).
    ``measured``: a measured KPI and a step metric per map (a state has its own metric
    files), each a metric file of ``rows`` daily observations, and shipped opportunities.
    They draw nothing from the random generator, so the site is otherwise the same."""
    rng = random.Random(seed)
    personas = [_persona(rng, i) for i in range(max(2, round(maps * PERSONAS_PER_MAP)))]
    journeys = []
    for j in range((maps + 1) // 2):
        states = ("current", "future") if 2 * j + 1 < maps else ("current",)
        journeys.append(_journey(rng, j, states, personas))
    content = Content(personas, journeys)
    if measured:
        _measure(content, rows)
    return content


MEASURED_TODAY = dt.date.today()


def _measure(content: Content, rows: int) -> None:
    """A measured KPI (the first stage's first), a metric on the fifth step, and a shipped
    date on every done opportunity, in every map: two metric files a map."""
    for j, journey in enumerate(content.journeys):
        for state, m in journey.maps.items():
            prefix = f"{journey.id}-{state}"
            # Most data is fresh; every fifth journey's export stopped two months ago: stale.
            latest = MEASURED_TODAY - dt.timedelta(days=60 if j % 5 == 4 else j % 7)
            first = latest - dt.timedelta(days=rows - 1)
            kpi_stages = [stage for stage in m["stages"] if stage.get("kpis")][:1]
            for s, stage in enumerate(kpi_stages):
                kpi = dict(stage["kpis"][0])
                kpi.pop("value", None)
                kpi.update({"metric": f"{prefix}-kpi-{s + 1}", "baseline": first + dt.timedelta(days=30)})
                if j % 2:
                    kpi["better"] = "lower"
                stage["kpis"] = [kpi, *stage["kpis"][1:]]
                content.metrics[kpi["metric"]] = (latest, rows)
            steps = [step for stage in m["stages"] for step in stage["steps"]]
            for n in (4,):
                steps[n]["metric"] = f"{prefix}-step-{n + 1}"
                content.metrics[steps[n]["metric"]] = (latest, rows)
            for step in steps:
                for o in step.get("opportunities", []):
                    if isinstance(o, dict) and o.get("status") == "done":
                        o["shipped"] = latest - dt.timedelta(days=90)


def metric_csv(metric_id: str, latest: dt.date, rows: int) -> str:
    """A metric's data, as an analytics export writes it: a percentage a day, with an extra
    column the reader ignores; a step up three months before the latest, where opportunities shipped."""
    seed = sum(map(ord, metric_id))
    out = ["date,value,source"]
    for i in range(rows):
        day = latest - dt.timedelta(days=rows - 1 - i)
        value = 20 + seed % 30 + (i * 7 % 11) / 10 + (4 if i >= rows - 90 else 0)
        out.append(f"{day.isoformat()},{value:.1f}%,export")
    return "\n".join(out) + "\n"


def metric_yml(metric_id: str) -> str | None:
    """Every third metric is described: a name and its direction."""
    if sum(map(ord, metric_id)) % 3:
        return None
    return f'name: {metric_id.replace("-", " ").capitalize()}\nunit: "%"\nbetter: higher\n'


def _persona(rng: random.Random, i: int) -> Persona:
    zh = i % 8 == 7
    w = Writer(rng, zh)
    name = (
        ZH_NAMES[i % len(ZH_NAMES)] + f"{i}"
        if zh
        else f"{FIRST[i % len(FIRST)]} {LAST[i // len(FIRST) % len(LAST)]} {i}"
    )
    front: dict = {
        "name": name,
        "role": w.phrase(3, 5),
        "segment": w.phrase(1, 2),
        "quote": w.sentence(8, 14),
        "demographics": {
            "age": 25 + i % 40,
            "city": CITIES[i % len(CITIES)],
            "device": rng.choice(["iPhone", "Android"]),
        },
        "goals": [w.phrase(4, 7) for _ in range(3)],
        "frustrations": [w.phrase(4, 7) for _ in range(2)],
        "needs": [w.phrase(3, 5) for _ in range(2)],
        "motivations": w.phrase(3, 5),  # a single string, as the format allows
        "channels": ["Email", "WeChat", rng.choice(["Phone", "App", "Store"])],
        "tags": rng.sample(TAGS, 2),
    }
    photo = i % 5 == 0
    if photo:
        front["photo"] = f"persona-{i:04d}.png"
    body = f"{w.sentence(20, 30)} {w.sentence(15, 25)}\n\n{w.sentence(20, 30)}\n"
    return Persona(f"persona-{i:04d}", front, body, photo)


def _journey(rng: random.Random, j: int, states: tuple[str, ...], personas: list[Persona]) -> Journey:
    zh = j % 10 == 9
    w = Writer(rng, zh)
    jid = f"journey-{j:04d}"
    kind = TYPES[j % len(TYPES)]
    current = _current_map(w, j, jid, kind, personas)
    maps = {"current": current}
    if "future" in states:
        maps["future"] = _future_map(w, current)
    journey = Journey(jid, maps, single_file=len(states) == 1, zh=zh)
    for state in maps:
        journey.bodies[state] = (
            f"{w.sentence(20, 35)} {w.sentence(15, 25)}\n\n"
            f"## {'研究笔记' if zh else 'Research notes'}\n\n"
            + "".join(f"- {w.sentence(8, 14)}\n" for _ in range(3))
            + f"\n{w.sentence(20, 30)}\n"
        )
    return journey


def _current_map(w: Writer, j: int, jid: str, kind: str, personas: list[Persona]) -> dict:
    rng = w.rng
    persona_ids = [personas[j % len(personas)].id]
    if j % 4 == 3:
        persona_ids.append(personas[(j * 7 + 1) % len(personas)].id)
    title = f"{w.phrase(2, 4)} {j}"
    front: dict = {"title": title, "state": "current"}
    front["persona"] = persona_ids if len(persona_ids) > 1 else persona_ids[0]
    if j % 3 == 0:
        front["journey"] = jid
    front.update(
        {
            "type": kind,
            "description": w.sentence(10, 18),
            "goal": w.sentence(6, 10),
            "scope": w.phrase(3, 6),
            "owner": rng.choice(TEAMS),
            "tags": rng.sample(TAGS, 2),
        }
    )
    if j % 6 != 5:  # some maps were never reviewed: shown as due for review
        front["reviewed"] = dt.date(2026, 1, 1) + dt.timedelta(days=(j * 37) % 300)
    if j % 4 == 1:
        front["review_every"] = 180
    if j % 5 == 2:
        front["draft"] = False
    if j % 50 == 8:
        front["aliases"] = [f"old-{jid}"]
    if j > 0 and j % 7 == 3:
        # The first journey's stages have ids; this one zooms into one of them.
        front["part_of"] = f"journey-0000#{_stage_id(STAGE_NAMES[TYPES[0]][j % STAGES_PER_MAP])}"
    sources = []
    for s in range(3):
        source = {
            "id": _source_id(j, s + 1),
            "kind": SOURCE_KINDS[(j + s) % len(SOURCE_KINDS)],
            "title": w.phrase(4, 8),
        }
        if s != 2:
            source["url"] = f"https://wiki.example.com/research/{jid}/{s + 1}"
        sources.append(source)
    front["sources"] = sources
    names = ZH_STAGE_NAMES if w.zh else STAGE_NAMES[kind]
    front["stages"] = [_stage(w, j, s, names[s], kind) for s in range(STAGES_PER_MAP)]
    # One moment of truth per map.
    front["stages"][2]["steps"][1]["moment_of_truth"] = True
    return front


def _source_id(j: int, s: int) -> str:
    """Each journey's own research (a research page each), as teams' maps mostly have."""
    return f"j{j:04d}-src-{s}"


def _stage_id(name: str) -> str:
    return name.lower().replace(" ", "-")


def _stage(w: Writer, j: int, s: int, name: str, kind: str) -> dict:
    rng = w.rng
    stage: dict = {"name": name}
    if j == 0 or s % 2 == 0:
        stage["id"] = _stage_id(name) if not w.zh else f"stage-{s + 1}"
    stage["description"] = w.sentence(6, 12)
    if s % 2 == 0:
        stage["kpis"] = [
            {"name": w.phrase(2, 4), "value": f"{rng.randint(1, 90)}%", "target": f"{rng.randint(10, 99)}%"},
            {"name": w.phrase(2, 3), "value": rng.randint(1, 500)},
        ]
    stage["steps"] = [_step(w, j, s, t, kind) for t in range(STEPS_PER_STAGE)]
    return stage


def _step(w: Writer, j: int, s: int, t: int, kind: str) -> dict:
    rng = w.rng
    n = s * STEPS_PER_STAGE + t
    step: dict = {
        "name": w.phrase(3, 5),
        "id": f"step-{n + 1}",
        "touchpoint": w.phrase(2, 4),
        "channel": CHANNELS[(j + n) % len(CHANNELS)],
        "actions": [w.phrase(3, 6) for _ in range(2)] if n % 3 else w.phrase(3, 6),
        "thoughts": w.sentence(6, 12) if n % 4 else [w.sentence(5, 9), w.sentence(5, 9)],
        "emotion": w.emotion(),
        "feeling": w.feeling(),
    }
    if n % 3 == 0:
        step["quote"] = w.sentence(8, 14)
    if n % 2 == 0:
        step["actors"] = [w.phrase(1, 2) for _ in range(2)]
    if n % 4 == 1:
        step["evidence"] = [_source_id(j, 1), _source_id(j, 2)]
    if n % 5 != 4:
        pains = []
        for k in range(1 + (n % 3 == 0)):
            pain = {"id": f"pain-{n + 1}-{k + 1}", "text": w.sentence(6, 10), "severity": LEVELS[(n + k) % 3]}
            if k == 0:
                pain["evidence"] = _source_id(j, 1)
            pains.append(pain)
        step["pain_points"] = pains
        opportunity = {
            "id": f"opp-{n + 1}",
            "text": w.phrase(4, 7),
            "priority": LEVELS[(j + n) % 3],
            "owner": rng.choice(TEAMS),
            "status": STATUSES[(j + n) % 4],
            "addresses": [p["id"] for p in pains],
        }
        if n % 3:  # most opportunities rated for the matrix, some left unrated
            opportunity["impact"], opportunity["effort"] = LEVELS[(j + 2 * n) % 3], LEVELS[(j + n + 1) % 3]
        # Plain-text opportunities (ids made from the text) are allowed too.
        step["opportunities"] = [opportunity] if n % 4 else [opportunity, f"{w.phrase(3, 5)} {j} {n}"]
    if kind == "service-blueprint":
        step["frontstage"] = [w.phrase(2, 4)]
        step["backstage"] = [w.phrase(2, 4), w.phrase(2, 3)]
        step["support"] = w.phrase(2, 3)
    return step


def _future_map(w: Writer, current: dict) -> dict:
    """The same journey done better: most pain points resolved, emotions up, one step gone,
    one new, some touchpoints moved to another channel."""
    rng = w.rng
    future = {k: v for k, v in current.items() if k not in ("stages", "aliases", "draft")}
    future["state"] = "future"
    future["goal"] = w.sentence(6, 10)
    stages = []
    for s, stage in enumerate(current["stages"]):
        steps = []
        for t, step in enumerate(stage["steps"]):
            if s == 1 and t == 2:
                continue  # removed in the future
            new = {k: v for k, v in step.items() if k not in ("pain_points", "opportunities")}
            new["emotion"] = w.emotion(lift=1.0)
            pains = [p["id"] for p in step.get("pain_points", [])]
            if pains and t != 1:
                new["resolves"] = pains
            elif pains:
                # Still hurts: the pain point stays, with a new opportunity.
                kept = {**step["pain_points"][0], "severity": "low"}
                new["pain_points"] = [kept]
                new["opportunities"] = [
                    {"id": f"{kept['id']}-next", "text": w.phrase(4, 7), "status": "idea", "addresses": kept["id"]}
                ]
            if (s + t) % 4 == 0:
                new["touchpoint"] = w.phrase(2, 4)
                new["channel"] = "app"
            steps.append(new)
        if s == 3:
            steps.append(
                {
                    "name": w.phrase(3, 5),
                    "id": "step-new",
                    "touchpoint": w.phrase(2, 4),
                    "channel": "chat",
                    "actions": w.phrase(3, 6),
                    "thoughts": w.sentence(6, 12),
                    "emotion": w.emotion(lift=1.0),
                    "feeling": w.feeling(),
                }
            )
        stages.append({**stage, "steps": steps})
        if rng.random() < 0.5:
            stages[-1]["description"] = w.sentence(6, 12)
    future["stages"] = stages
    return future
