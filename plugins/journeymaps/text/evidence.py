"""Evidence over assumptions: metric data files, measured KPIs, what changed after an
opportunity shipped, and how well a map is backed by research — their problems and labels."""

from __future__ import annotations

EN: dict[str, str] = {
    # metric data files (metrics/<id>.csv and .yml)
    "what.metric": "the metric",
    "metric.file_name": "the file name '{name}' is not a metric id (lowercase letters, digits and '-'){hint}",
    "metric.no_header": "the first line must be the header 'date,value' (more columns may follow), not '{first}'",
    "metric.no_rows": "the file has a header but no observations; add rows like '2026-10-01,39%'",
    "metric.short_row": "this row has {count} cells; it needs a date and a value under the header's columns",
    "metric.date": "'{value}' is not a date; write dates like 2026-10-01",
    "metric.value": "'{value}' is not a number; write values like 39, 4.5 or 39%",
    "metric.date_twice": "the date {date} has a value already (line {first}); keep one row per date",
    "metric.unreadable": "cannot read the CSV: {reason}",
    "metric.too_big": "the file is {size} MB; a metric file may be at most {limit} MB (one row per day or week)",
    "metric.outside": "this file links outside the project; keep metric files in the project",
    "metric.yml_alone": "this describes a metric whose data file {csv} does not exist",
    # a map's measured KPIs, steps and shipped opportunities (format/measured.py)
    "measured.unknown_metric": "'metric' names '{id}', but there is no {path}{hint}",
    "measured.target_not_number": "'target' of a measured KPI must be a number like 45 or 45%, not '{value}'",
    "measured.baseline_without_metric": "'baseline' is a date in a metric's data; set 'metric:' too",
    "measured.baseline_too_early": "'baseline' is {date}, before the first observation of '{id}' ({first}); "
    "the baseline is the observation on or before this date",
    "measured.shipped_not_done": "'shipped' is the day a done opportunity reached customers, but this one is "
    "'{status}'; set 'status: done' or remove 'shipped'",
    "measured.shipped_no_status": "'shipped' is the day a done opportunity reached customers; set 'status: done'",
    "measured.unused": "no map uses this metric; name it in a KPI or a step ('metric: {id}') or remove the file",
    "measured.stale": "stale data: the latest observation is from {date}, {days} days ago (stale after {after} "
    "days, metrics_stale_after); add the newer observations",
    "measured.high_pain_no_evidence": "a high-severity pain point that cites no 'evidence:' is an assumption; "
    "name the research behind it",
    # the JSON Schema's descriptions of the new keys
    "schema.metric": "A metric's description, metrics/<id>.yml beside its data metrics/<id>.csv (journeymaps)",
    "schema.metric.name": "What the metric is called on the pages.",
    "schema.metric.unit": "Its unit, after the values ('%', 'calls', 'min'); by default '%' when the data has one.",
    "schema.metric.better": "Which way is better: higher or lower. A KPI may say it instead.",
    "schema.kpi.metric": "Measured: the id of its data file, metrics/<id>.csv (a date,value row per observation).",
    "schema.kpi.better": "Which way is better for a measured KPI: higher (default) or lower.",
    "schema.kpi.baseline": "A date: the observation on or before it is the baseline (default: the first).",
    "schema.step.metric": "A metric measured at this step (a conversion or drop-off rate): the data lane.",
    "schema.opportunity.shipped": "The day it reached customers (status done): the trend lines of its stage mark it.",
    "config.metrics_stale_after": "metrics_stale_after must be a whole number of days above 0, not {value}",
}

ZH: dict[str, str] = {
    "what.metric": "指标",
    "metric.file_name": "文件名 '{name}' 不是指标 id（小写字母、数字和 '-'）{hint}",
    "metric.no_header": "第一行必须是表头 'date,value'（后面可以有更多列），而不是 '{first}'",
    "metric.no_rows": "文件只有表头，没有观测数据；请添加形如 '2026-10-01,39%' 的行",
    "metric.short_row": "这一行有 {count} 个单元格；表头的列下需要有日期和数值",
    "metric.date": "'{value}' 不是日期；日期请写成 2026-10-01 的形式",
    "metric.value": "'{value}' 不是数字；数值请写成 39、4.5 或 39% 的形式",
    "metric.date_twice": "日期 {date} 已经有数值（第 {first} 行）；每个日期只保留一行",
    "metric.unreadable": "无法读取 CSV：{reason}",
    "metric.too_big": "文件大小为 {size} MB；指标文件最大 {limit} MB（每天或每周一行）",
    "metric.outside": "此文件链接到项目之外；请把指标文件放在项目内",
    "metric.yml_alone": "此文件描述的指标没有数据文件 {csv}",
    "measured.unknown_metric": "'metric' 指向 '{id}'，但不存在 {path}{hint}",
    "measured.target_not_number": "有数据的关键指标的 'target' 必须是数字，例如 45 或 45%，而不是 '{value}'",
    "measured.baseline_without_metric": "'baseline' 是指标数据中的日期；请同时设置 'metric:'",
    "measured.baseline_too_early": "'baseline' 为 {date}，早于 '{id}' 的第一条观测（{first}）；"
    "基线是该日期当天或之前的观测",
    "measured.shipped_not_done": "'shipped' 是已完成的机会点交付给客户的日期，但此机会点的状态是 '{status}'；"
    "请设置 'status: done' 或删除 'shipped'",
    "measured.shipped_no_status": "'shipped' 是已完成的机会点交付给客户的日期；请设置 'status: done'",
    "measured.unused": "没有地图使用此指标；请在关键指标或步骤中引用它（'metric: {id}'），或删除此文件",
    "measured.stale": "数据已过期：最新观测是 {date}，{days} 天前（超过 {after} 天即过期，见 metrics_stale_after）；"
    "请补充更新的观测",
    "measured.high_pain_no_evidence": "严重程度为高的痛点没有引用 'evidence:'，只是假设；请注明其背后的研究",
    "schema.metric": "指标的说明，metrics/<id>.yml，与数据文件 metrics/<id>.csv 并列（journeymaps）",
    "schema.metric.name": "指标在页面上显示的名称。",
    "schema.metric.unit": "单位，写在数值后（'%'、'次'、'分钟'）；数据带 % 时默认为 '%'。",
    "schema.metric.better": "哪个方向更好：higher（越高越好）或 lower（越低越好）。也可以由关键指标说明。",
    "schema.kpi.metric": "有数据的指标：数据文件 metrics/<id>.csv 的 id（每条观测一行 date,value）。",
    "schema.kpi.better": "有数据的指标哪个方向更好：higher（默认）或 lower。",
    "schema.kpi.baseline": "一个日期：该日期当天或之前的观测即基线（默认：第一条观测）。",
    "schema.step.metric": "在这一步测量的指标（转化率或流失率）：数据泳道。",
    "schema.opportunity.shipped": "交付给客户的日期（状态为 done）：同一阶段的趋势线会标出这一天。",
    "config.metrics_stale_after": "metrics_stale_after 必须是大于 0 的整数天数，而不是 {value}",
}
