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
    "config.metrics_stale_after": "metrics_stale_after 必须是大于 0 的整数天数，而不是 {value}",
}
