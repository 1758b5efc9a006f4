"""journeymaps diff on measures: a KPI that starts being measured, a changed target and
baseline, and metric data files added and removed, in Markdown and JSON."""

from __future__ import annotations

import json

from conftest import write_site
from test_diff import CURRENT, CURRENT_MAP, FUTURE, FUTURE_MAP, OTHER_MAP, commit, edit, git, run

MEASURED = CURRENT_MAP.replace(
    "  - name: Apply\n    id: apply\n",
    "  - name: Apply\n    id: apply\n    kpis:\n      - {name: Completion, metric: completion, target: 50%, baseline: 2026-01-05}\n",
)
DATA = "date,value\n2026-01-05,40%\n2026-02-02,42%\n"


def test_kpi_target_baseline_and_metric_files(tmp_path, capsys):
    root = tmp_path / "repo"
    files = {CURRENT: MEASURED, FUTURE: FUTURE_MAP, "maps/clinic-visit.md": OTHER_MAP, "metrics/completion.csv": DATA}
    write_site(root, {**files, "metrics/old-funnel.csv": DATA})
    edit(
        root,
        "maps/clinic-visit.md",
        "      - name: Calls the clinic\n",
        "      - name: Calls the clinic\n        metric: old-funnel\n",
    )
    git(root, "init", "-q", "-b", "main")
    commit(root, "base")
    edit(root, CURRENT, "target: 50%, baseline: 2026-01-05", "target: 55%, baseline: 2026-02-02")
    edit(
        root,
        CURRENT,
        "  - name: Compare\n    id: compare\n",
        "  - name: Compare\n    id: compare\n    kpis: [{name: Fee page exits, metric: fee-exits, better: lower}]\n",
    )
    edit(root, "maps/clinic-visit.md", "        metric: old-funnel\n", "")
    (root / "metrics/old-funnel.csv").unlink()
    (root / "metrics/fee-exits.csv").write_text(DATA)
    code, out, err = run(capsys, root, "main")
    assert (code, err) == (0, "")
    assert "**Measured KPIs**\n\n- Fee page exits · Compare: now measured by `fee-exits`\n" in out
    assert "- Completion · Apply: target 50% → 55%, baseline 2026-01-05 → 2026-02-02\n" in out
    # Each said once: the data files in the metric values' table, the KPIs under their map.
    assert "- `metrics/fee-exits.csv`: 2 added\n- `metrics/old-funnel.csv`: 2 removed\n" in out
    assert "**Metric data:**" not in out and "`kpis`" not in out
    code, out, _ = run(capsys, root, "main", "--format", "json")
    data = json.loads(out)
    assert data["metrics"] == {"added": ["fee-exits"], "removed": ["old-funnel"]}
    [change] = [c for c in data["maps"]["changed"] if c["journey"] == "open-account"]
    assert change["kpis"] == [
        {"stage": "compare", "name": "Fee page exits", "metric": "fee-exits", "kind": "added", "changes": {}},
        {
            "stage": "apply",
            "name": "Completion",
            "metric": "completion",
            "kind": "changed",
            "changes": {
                "target": {"before": "50%", "after": "55%"},
                "baseline": {"before": "2026-01-05", "after": "2026-02-02"},
            },
        },
    ]


def test_a_kpi_that_is_not_measured_is_a_stage_edit(tmp_path, capsys):
    root = tmp_path / "repo"
    plain = MEASURED.replace(
        "      - {name: Completion, metric: completion, target: 50%, baseline: 2026-01-05}\n",
        "      - {name: Completion, metric: completion, target: 50%, baseline: 2026-01-05}\n"
        "      - {name: Calls to support, value: '120 a week'}\n",
    )
    write_site(root, {CURRENT: plain, FUTURE: FUTURE_MAP, "metrics/completion.csv": DATA})
    git(root, "init", "-q", "-b", "main")
    commit(root, "base")
    edit(root, CURRENT, "value: '120 a week'", "value: '90 a week'")
    code, out, err = run(capsys, root, "main")
    assert (code, err) == (0, "")
    assert "**Also edited:** stage Apply: `kpis`\n" in out and "**Measured KPIs**" not in out
