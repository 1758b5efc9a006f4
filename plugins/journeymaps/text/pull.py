"""journeymaps metrics pull: metric data from the team's own database."""

from __future__ import annotations

EN: dict[str, str] = {
    # the command line
    "pull.cli.metrics": "metric data: refresh the CSV files of metrics/ from the team's database",
    "pull.cli.pull": "run each metrics/<id>.sql against the database (read-only) and merge its rows of "
    "(date, value) into metrics/<id>.csv",
    "pull.opt.metric": "only this metric (its id: the file's name without .sql); may be given more than once",
    "pull.opt.since": "the date the queries get as :since (default: each file's latest date)",
    "pull.opt.dry_run": "run the queries and say what would change, but write nothing",
    "pull.opt.timeout": "stop a query that runs longer than this many seconds (default: 60)",
    "pull.bad_since": "'{value}' is not a date: write it as YYYY-MM-DD",
    "pull.bad_timeout": "'{value}' is not a number of seconds above zero",
    "pull.no_queries": "{folder}: no queries here; add one per metric as {folder}/<id>.sql",
    "pull.unknown_metric": "{path}: there is no such query{hint}",
    "pull.added": "{path}: {added} added, {changed} changed",
    "pull.unchanged": "{path}: unchanged",
    "pull.would_add": "{path}: would add {added}, change {changed} (dry run: nothing written)",
    "pull.failed.one": "{count} metric failed; its data file was left as it was",
    "pull.failed": "{count} metrics failed; their data files were left as they were",
    # the query file
    "pull.empty_query": "the file holds no query",
    "pull.password_in_file": "this URL holds a password, which must not be in a committed file: put the URL in an "
    "environment variable and write '-- database: $VARIABLE'",
    "pull.bad_database_line": "'{value}' names no database: write '-- database: $VARIABLE' (an environment "
    "variable holding the URL) or a URL without a password",
    "pull.no_url": "no database: set the environment variable {variable} to the database's URL "
    "(postgresql://user@host/db, sqlite:///file.db, ...)",
    # the database
    "pull.no_sqlalchemy": 'SQLAlchemy is not installed: pip install "mkdocs-journeymaps[metrics]" (or the extra '
    "of your database: postgres, mysql, duckdb)",
    "pull.no_driver": 'the driver for {database} is not installed: pip install "mkdocs-journeymaps[{extra}]"',
    "pull.no_dialect": "SQLAlchemy cannot reach {database} databases until its dialect is installed: pip install "
    "{package}",
    "pull.unknown_dialect": "SQLAlchemy knows no database called '{database}': install its SQLAlchemy dialect, or "
    "check the URL's scheme",
    "pull.bad_url": "{url} is not a database URL SQLAlchemy can read (dialect+driver://user@host:port/database)",
    "pull.no_database_file": "there is no database file {path}",
    "pull.unknown_parameter": "the query uses the parameter :{name}; the only one there is, is :since (write \\: "
    "for a colon that is not a parameter)",
    "pull.no_rows_returned": "the query returns no rows: it must be a SELECT returning (date, value)",
    "pull.too_many_rows": "the query returns more than {limit} rows; a metric has one row per day or week: "
    "aggregate in the query",
    "pull.timeout": "the query ran longer than {seconds} s and was stopped (--timeout)",
    "pull.database_says": "the database says: {message}",
    # the rows
    "pull.wrong_columns": "the query returns {count} columns; it must return two, in this order: the date and the "
    "value",
    "pull.not_a_date": "row {row}: '{value}' is not a date (the first column is the date)",
    "pull.no_value": "the value for {date} is empty",
    "pull.not_a_number": "the value for {date}, '{value}', is not a number (the second column is the value)",
    "pull.date_twice": "the query returns {date} twice; one row per date",
    # journeymaps diff: the metric data that changed
    "diff.count.metrics.one": "{count} metric's data changed",
    "diff.count.metrics.many": "{count} metrics' data changed",
    "diff.metric.title": "Metric values",
    "diff.metric.col.kpi": "KPI",
    "diff.metric.col.before": "Latest before",
    "diff.metric.col.after": "Latest after",
    "diff.metric.col.target": "Target",
    "diff.metric.col.direction": "Direction",
    "diff.metric.kpi": "{kpi} · {map} ({state})",
    "diff.metric.value": "{value} ({date})",
    "diff.metric.new": "new data",
    "diff.metric.gone": "data removed",
    "diff.metric.direction.reached": "reached the target",
    "diff.metric.direction.still-met": "still meets the target",
    "diff.metric.direction.missed-again": "no longer meets the target",
    "diff.metric.direction.closer": "closer to the target",
    "diff.metric.direction.further": "further from the target",
    "diff.metric.direction.same": "unchanged",
    "diff.metric.direction.better": "better",
    "diff.metric.direction.worse": "worse",
    "diff.metric.added": "{count} added",
    "diff.metric.changed": "{count} changed",
    "diff.metric.removed": "{count} removed",
    "diff.metric.went_stale": "went stale: its latest value is from {date}, more than {days} days ago",
    "diff.metric.fresh_again": "fresh again",
}

ZH: dict[str, str] = {
    "pull.cli.metrics": "指标数据：从团队的数据库刷新 metrics/ 中的 CSV 文件",
    "pull.cli.pull": "对数据库（只读）运行每个 metrics/<id>.sql，并把其 (日期, 数值) 行合并进 metrics/<id>.csv",
    "pull.opt.metric": "只处理这个指标（其 id：文件名去掉 .sql）；可以给出多次",
    "pull.opt.since": "查询中 :since 得到的日期（默认：各数据文件中最新的日期）",
    "pull.opt.dry_run": "运行查询并说明会有哪些变化，但不写入任何文件",
    "pull.opt.timeout": "查询运行超过这么多秒即停止（默认：60）",
    "pull.bad_since": "'{value}' 不是日期：请写成 YYYY-MM-DD",
    "pull.bad_timeout": "'{value}' 不是大于零的秒数",
    "pull.no_queries": "{folder}：这里没有查询；请为每个指标添加一个 {folder}/<id>.sql",
    "pull.unknown_metric": "{path}：没有这个查询{hint}",
    "pull.added": "{path}：新增 {added} 行，修改 {changed} 行",
    "pull.unchanged": "{path}：没有变化",
    "pull.would_add": "{path}：将新增 {added} 行，修改 {changed} 行（试运行：未写入任何文件）",
    "pull.failed.one": "{count} 个指标失败；其数据文件保持原样",
    "pull.failed": "{count} 个指标失败；它们的数据文件保持原样",
    "pull.empty_query": "文件中没有查询",
    "pull.password_in_file": "这个 URL 含有密码，而密码不能出现在提交的文件中：请把 URL 放进环境变量，并写 "
    "'-- database: $VARIABLE'",
    "pull.bad_database_line": "'{value}' 没有指明数据库：请写 '-- database: $VARIABLE'（保存 URL 的环境变量）"
    "或不含密码的 URL",
    "pull.no_url": "没有数据库：请把环境变量 {variable} 设为数据库的 URL（postgresql://user@host/db、"
    "sqlite:///file.db 等）",
    "pull.no_sqlalchemy": '未安装 SQLAlchemy：pip install "mkdocs-journeymaps[metrics]"（或你的数据库对应的 '
    "extra：postgres、mysql、duckdb）",
    "pull.no_driver": '未安装 {database} 的驱动：pip install "mkdocs-journeymaps[{extra}]"',
    "pull.no_dialect": "安装 SQLAlchemy 的 {database} 方言之后才能访问该数据库：pip install {package}",
    "pull.unknown_dialect": "SQLAlchemy 不认识名为 '{database}' 的数据库：请安装它的 SQLAlchemy 方言，或检查 "
    "URL 的协议部分",
    "pull.bad_url": "{url} 不是 SQLAlchemy 能读懂的数据库 URL（dialect+driver://user@host:port/database）",
    "pull.no_database_file": "数据库文件 {path} 不存在",
    "pull.unknown_parameter": "查询使用了参数 :{name}；唯一可用的参数是 :since（不是参数的冒号请写成 \\:）",
    "pull.no_rows_returned": "查询没有返回行：它必须是返回 (日期, 数值) 的 SELECT",
    "pull.too_many_rows": "查询返回超过 {limit} 行；指标每天或每周一行：请在查询中汇总",
    "pull.timeout": "查询运行超过 {seconds} 秒，已被停止（--timeout）",
    "pull.database_says": "数据库报告：{message}",
    "pull.wrong_columns": "查询返回 {count} 列；必须按顺序返回两列：日期和数值",
    "pull.not_a_date": "第 {row} 行：'{value}' 不是日期（第一列是日期）",
    "pull.no_value": "{date} 的数值为空",
    "pull.not_a_number": "{date} 的数值 '{value}' 不是数字（第二列是数值）",
    "pull.date_twice": "查询两次返回了 {date}；每个日期只能有一行",
    "diff.count.metrics.one": "{count} 个指标的数据有变化",
    "diff.count.metrics.many": "{count} 个指标的数据有变化",
    "diff.metric.title": "指标数值",
    "diff.metric.col.kpi": "KPI",
    "diff.metric.col.before": "之前的最新值",
    "diff.metric.col.after": "之后的最新值",
    "diff.metric.col.target": "目标",
    "diff.metric.col.direction": "走向",
    "diff.metric.kpi": "{kpi} · {map}（{state}）",
    "diff.metric.value": "{value}（{date}）",
    "diff.metric.new": "新数据",
    "diff.metric.gone": "数据已删除",
    "diff.metric.direction.reached": "达到目标",
    "diff.metric.direction.still-met": "仍达到目标",
    "diff.metric.direction.missed-again": "不再达到目标",
    "diff.metric.direction.closer": "更接近目标",
    "diff.metric.direction.further": "离目标更远",
    "diff.metric.direction.same": "没有变化",
    "diff.metric.direction.better": "变好",
    "diff.metric.direction.worse": "变差",
    "diff.metric.added": "新增 {count} 个",
    "diff.metric.changed": "修改 {count} 个",
    "diff.metric.removed": "删除 {count} 个",
    "diff.metric.went_stale": "数据已过时：最新值来自 {date}，已超过 {days} 天",
    "diff.metric.fresh_again": "数据重新变为最新",
}
