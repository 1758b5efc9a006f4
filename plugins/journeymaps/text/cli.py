"""What the command line says: help, results and its own errors."""

from __future__ import annotations

EN: dict[str, str] = {
    "cli.description": "Customer journey maps as a website: check, start, compare, import and export maps.",
    "cli.opt.site": "the site folder, holding mkdocs.yml (default: the current folder)",
    "cli.opt.lang": "the language of messages (default: the site's theme.language)",
    "cli.no_config": "{folder}: no mkdocs.yml here; pass the folder that holds the site's mkdocs.yml with --site",
    "cli.config_error": "{file}: {message}",
    "cli.warning": "warning: ",
    "cli.validate.help": "check every map and persona; print path:line: problem",
    "cli.validate.format": "text for people, github for pull-request annotations, json for tools",
    "cli.validate.strict": "fail on warnings too (maps due for review)",
    "cli.validate.failed": "{summary} ({warnings} warnings)",
    "build.nothing_built": "{summary}; nothing was built",
    "build.author_page_wins": "journeymaps: {path} is your own page, so it is published at that address instead of "
    "the page journeymaps generates there",
    "cli.validate.ok": "OK: {journeys} journeys, {maps} maps and {personas} personas are valid ({warnings} warnings)",
    "cli.schema.help": "print the JSON Schema of a map's or a persona's front matter, for editors",
    "cli.schema.document": "which file's front matter: map or persona",
    "cli.schema.output": "write the schema to FILE instead of printing it",
    "cli.wrote": "wrote {path}",
}

ZH: dict[str, str] = {
    "cli.description": "把客户旅程地图发布为网站：检查、新建、对比、导入和导出地图。",
    "cli.opt.site": "站点文件夹，即 mkdocs.yml 所在的文件夹（默认：当前文件夹）",
    "cli.opt.lang": "消息的语言（默认：站点的 theme.language）",
    "cli.no_config": "{folder}：这里没有 mkdocs.yml；请用 --site 指定站点 mkdocs.yml 所在的文件夹",
    "cli.config_error": "{file}：{message}",
    "cli.warning": "警告：",
    "cli.validate.help": "检查所有地图和用户画像；输出 路径:行号: 问题",
    "cli.validate.format": "text 供人阅读，github 用于拉取请求中的标注，json 供工具使用",
    "cli.validate.strict": "有警告（待评审的地图）时也判为失败",
    "cli.validate.failed": "{summary}（{warnings} 个警告）",
    "build.nothing_built": "{summary}；没有生成任何页面",
    "build.author_page_wins": "journeymaps：{path} 是您自己写的页面，"
    "因此该地址发布的是它，而不是 journeymaps 生成的页面",
    "cli.validate.ok": "通过：{journeys} 个旅程、{maps} 张地图和 {personas} 个用户画像均有效（{warnings} 个警告）",
    "cli.schema.help": "输出地图或用户画像 front matter 的 JSON Schema，供编辑器使用",
    "cli.schema.document": "哪种文件的 front matter：map（地图）或 persona（用户画像）",
    "cli.schema.output": "把 schema 写入 FILE，而不是输出到屏幕",
    "cli.wrote": "已写入 {path}",
}
