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
    "build.no_site_url": "journeymaps: site_url is not set in mkdocs.yml, so links to this site show no preview "
    "image: set it to the address the site is published at",
    "build.alias_page_exists": "journeymaps: the alias page {path} would replace a page of the site; it was not "
    "written",
    "build.no_chinese_font": "journeymaps: no font with Chinese characters was found, so the Chinese text in the "
    "preview images (emotion.png) would be drawn as boxes; install one (Debian and Ubuntu: fonts-noto-cjk) or set "
    "the plugin option font to a font file",
    "build.no_jieba": "journeymaps: search on this Chinese site finds whole runs of characters only; "
    'pip install "mkdocs-journeymaps[zh]" (which brings jieba) makes it find words',
    "build.author_page_wins": "journeymaps: {path} is your own page, so it is published at that address instead of "
    "the page journeymaps generates there",
    "cli.validate.ok": "OK: {journeys} journeys, {maps} maps and {personas} personas are valid ({warnings} warnings)",
    "cli.schema.help": "print the JSON Schema of a map's or a persona's front matter, for editors",
    "cli.schema.document": "which file's front matter: map or persona",
    "cli.schema.output": "write the schema to FILE instead of printing it",
    "cli.wrote": "wrote {path}",
    "cli.new.help": "start a map or a persona from a template; never overwrites a file",
    "cli.new.list": "list the map templates, with a line on each",
    "cli.new.persona": "start a persona: personas/<id>.md",
    "cli.new.persona_id": "the persona's id: lowercase letters, digits and '-' (zhang-li)",
    "cli.new.name": "the persona's name (default: made from the id)",
    "cli.new.map": "start a map: maps/<journey>/<state>.md",
    "cli.new.journey": "the journey's id: lowercase letters, digits and '-' (open-account)",
    "cli.new.map_persona": "the persona whose journey it is (a persona id); a new id starts a persona file too",
    "cli.new.state": "current (today, the default) or future (what you will build; starts from the current state "
    "when there is one)",
    "cli.new.template": "the template to start from (see --list; default: ecommerce)",
    "cli.new.title": "the map's title (default: made from the journey id)",
    "cli.new.templates": "Map templates (journeymaps new map <journey> --persona <id> --template <name>):",
    "cli.new.own": "this site's own",
    "cli.new.usage": "A persona: journeymaps new persona <id>",
    "cli.new.wrote_persona": "wrote {path} from the persona template",
    "cli.new.created_persona": "created {path} from the persona template: persona '{path}' did not exist yet; fill "
    "in who they are",
    "cli.new.wrote_map": "wrote {path} ({source})",
    "cli.new.from_template": "from the '{name}' template",
    "cli.new.from_current": "stages and steps from the current state, {path}; emotions left for you",
    "cli.new.next": "Next: edit the file, replacing the examples with what you learned from customers, then run "
    "journeymaps validate",
    "new.not_a_journey_id": "'{journey}' is not a journey id (lowercase letters, digits and '-'); try '{suggestion}'",
    "new.not_a_persona_id": "'{id}' is not a persona id (lowercase letters, digits and '-'); try '{suggestion}'",
    "new.state_exists": "journey '{journey}' already has a {state} state: {path}; edit that file instead",
    "new.exists": "{path} already exists; journeymaps new never overwrites a file",
    "new.unknown_persona": "unknown persona '{id}'{hint}; nothing was written (a new persona id starts a persona "
    "file, but this one looks like a typo){known}",
    "new.unknown_template": "unknown template '{name}'{hint}; the templates are {names}",
    "new.future.header": "The future state, started from {path}: the same stages and steps (same ids). Change the "
    "steps you will change, add and remove steps, and set each emotion.",
    "new.future.emotion": "how will it feel? today: {was}",
    "new.future.resolves": "which of today's pain points this step takes away",
    "new.future.body": "What will change, and why: the opportunities behind this future state.",
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
    "build.no_site_url": "journeymaps：mkdocs.yml 中没有设置 site_url，因此本站的链接不会显示预览图；"
    "请把它设为站点发布的地址",
    "build.alias_page_exists": "journeymaps：别名页面 {path} 会覆盖站点中的一个页面，因此没有写入",
    "build.no_chinese_font": "journeymaps：没有找到含中文字符的字体，预览图（emotion.png）中的中文会显示为方框；"
    "请安装一个（Debian 和 Ubuntu：fonts-noto-cjk），或把插件选项 font 设为字体文件",
    "build.no_jieba": 'journeymaps：本站搜索目前只能匹配整段连续的汉字；运行 pip install "mkdocs-journeymaps[zh]"'
    "（会安装 jieba 分词）后，搜索就能按词查找",
    "build.author_page_wins": "journeymaps：{path} 是您自己写的页面，"
    "因此该地址发布的是它，而不是 journeymaps 生成的页面",
    "cli.validate.ok": "通过：{journeys} 个旅程、{maps} 张地图和 {personas} 个用户画像均有效（{warnings} 个警告）",
    "cli.schema.help": "输出地图或用户画像 front matter 的 JSON Schema，供编辑器使用",
    "cli.schema.document": "哪种文件的 front matter：map（地图）或 persona（用户画像）",
    "cli.schema.output": "把 schema 写入 FILE，而不是输出到屏幕",
    "cli.wrote": "已写入 {path}",
    "cli.new.help": "从模板开始一张地图或一个用户画像；绝不覆盖已有文件",
    "cli.new.list": "列出地图模板，每个附一行说明",
    "cli.new.persona": "新建用户画像：personas/<id>.md",
    "cli.new.persona_id": "用户画像 id：小写字母、数字和 '-'（zhang-li）",
    "cli.new.name": "用户画像的名字（默认由 id 生成）",
    "cli.new.map": "新建地图：maps/<旅程>/<状态>.md",
    "cli.new.journey": "旅程 id：小写字母、数字和 '-'（open-account）",
    "cli.new.map_persona": "这个旅程所属的用户画像（用户画像 id）；新的 id 会同时新建用户画像文件",
    "cli.new.state": "current（现状，默认）或 future（将要打造的未来状态；有现状地图时从现状开始）",
    "cli.new.template": "起始模板（见 --list；默认：ecommerce）",
    "cli.new.title": "地图标题（默认由旅程 id 生成）",
    "cli.new.templates": "地图模板（journeymaps new map <旅程> --persona <id> --template <名称>）：",
    "cli.new.own": "本站自有",
    "cli.new.usage": "新建用户画像：journeymaps new persona <id>",
    "cli.new.wrote_persona": "已根据用户画像模板写入 {path}",
    "cli.new.created_persona": "已根据用户画像模板新建 {path}：该用户画像原先不存在；请补充其信息",
    "cli.new.wrote_map": "已写入 {path}（{source}）",
    "cli.new.from_template": "来自 '{name}' 模板",
    "cli.new.from_current": "阶段和步骤来自现状地图 {path}；情绪留给您填写",
    "cli.new.next": "下一步：编辑该文件，把示例换成您从客户那里了解到的内容，然后运行 journeymaps validate",
    "new.not_a_journey_id": "'{journey}' 不是旅程 id（小写字母、数字和 '-'）；可以试试 '{suggestion}'",
    "new.not_a_persona_id": "'{id}' 不是用户画像 id（小写字母、数字和 '-'）；可以试试 '{suggestion}'",
    "new.state_exists": "旅程 '{journey}' 已有{state}：{path}；请直接编辑该文件",
    "new.exists": "{path} 已存在；journeymaps new 绝不覆盖已有文件",
    "new.unknown_persona": "未知的用户画像 '{id}'{hint}；没有写入任何文件（新的用户画像 id 会新建用户画像文件，"
    "但这个看起来像是拼写错误）{known}",
    "new.unknown_template": "未知的模板 '{name}'{hint}；可用的模板有 {names}",
    "new.future.header": "未来状态，从 {path} 开始：相同的阶段和步骤（相同的 id）。修改将要改变的步骤，增删步骤，"
    "并为每一步设定情绪。",
    "new.future.emotion": "未来的感受如何？现状：{was}",
    "new.future.resolves": "这一步消除了现状中的哪些痛点",
    "new.future.body": "将会改变什么，以及为什么：这个未来状态背后的机会点。",
}
