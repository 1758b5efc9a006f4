"""Mermaid in and out: journeymaps import mermaid, export mermaid, and journey.mmd."""

from __future__ import annotations

EN: dict[str, str] = {
    # the command line
    "mermaid.cli.import": "turn diagrams from other tools into maps",
    "mermaid.cli.export": "write a map for other tools",
    "mermaid.cli.import_mermaid": "turn Mermaid journey diagrams (.mmd files, or the journey blocks of Markdown "
    "files) into maps and personas; never overwrites a map without --force",
    "mermaid.cli.export_mermaid": "print a map as a Mermaid journey diagram, to paste into a wiki or a README",
    "mermaid.opt.files": "Mermaid files, or Markdown files with ```mermaid blocks",
    "mermaid.opt.force": "replace maps that already exist",
    "mermaid.opt.rescale": "when scores run outside Mermaid's 1 to 5, map the diagram's own range onto the "
    "emotion scale instead of refusing",
    "mermaid.opt.journey": "the journey id (default: made from the title); for one diagram",
    "mermaid.opt.state": "the state the diagrams show: current (the default) or future",
    "mermaid.opt.persona": "the persona of tasks that name no actor: a persona id or name",
    "mermaid.opt.map": "the map: JOURNEY, or JOURNEY/STATE (default: the current state)",
    "mermaid.opt.output": "write the diagram to FILE instead of printing it",
    "mermaid.nothing_written.one": "{count} problem; nothing was written",
    "mermaid.nothing_written": "{count} problems; nothing was written",
    "mermaid.wrote_map": "wrote {path} ('{title}'): {stages} stages, {steps} steps, from {source}",
    "mermaid.replaced_map": "replaced {path} ('{title}'): {stages} stages, {steps} steps, from {source}",
    "mermaid.wrote_persona": "wrote {path}: a new persona, '{name}'; add who they are",
    "mermaid.export.unknown_journey": "there is no journey '{journey}' in this site{hint}",
    "mermaid.export.no_state": "journey '{journey}' has no {state} state (it has: {states})",
    "mermaid.known_journeys": "journeys",
    "mermaid.export.not_state": "'{state}' is not a state; write JOURNEY/current or JOURNEY/future",
    "mermaid.export.map_problems": "{path} has {count} problems: fix them first (journeymaps validate)",
    # reading diagrams
    "mermaid.no_journey": "no Mermaid journey diagram here: a journey diagram starts with the line 'journey'",
    "mermaid.no_journey_in_markdown": "no ```mermaid block here holds a journey diagram (one that starts with "
    "'journey')",
    "mermaid.other_kind": "this is a Mermaid '{kind}' diagram; only journey diagrams become maps",
    "mermaid.front_matter_not_closed": "the diagram's front matter opened here is never closed with '---'",
    "mermaid.front_matter_invalid": "the diagram's front matter is not valid YAML: {detail}",
    "mermaid.directive_not_closed": "'%%{{' opens a directive that is never closed with '}}%%'",
    "mermaid.acc_descr_not_closed": "'accDescr {{' is never closed with '}}'",
    "mermaid.title_again": "a second title, '{title}', replaces '{first}', as in Mermaid",
    "mermaid.section_no_name": "'section' needs a name, such as 'section Go to work'",
    "mermaid.no_score": "task '{task}' has no score: write a task as 'name: score: actors', such as 'Make tea: 5: Me'",
    "mermaid.no_task_name": "a task needs a name before its ':', as in 'Make tea: 5: Me'",
    "mermaid.score_not_number": "the score '{score}' of task '{task}' is not a number; Mermaid scores run from 1 to 5",
    "mermaid.extra_data": "'{extra}' after the actors of task '{task}' is left out, as Mermaid leaves it out; "
    "separate actors with ','",
    "mermaid.score_outside": "the score {score} of task '{task}' is outside Mermaid's 1 to 5; pass --rescale to "
    "read this diagram's scores on a scale of {low} to {high}",
    "mermaid.rescaled": "scores run outside 1 to 5: read on a scale of {low} to {high} and mapped onto the "
    "emotion scale, {scale_low} to {scale_high}",
    "mermaid.empty_section": "section '{section}' has no tasks and is left out: a stage needs at least one step",
    "mermaid.no_tasks": "this journey diagram has no tasks, so there is no map to make",
    "mermaid.no_actor": "no task names an actor, and a map needs a persona: add one after a score "
    "('Make tea: 5: Me') or pass --persona",
    # where the files go
    "mermaid.not_journey_id": "'{journey}' is not a journey id (lowercase letters, digits and '-'); try '{hint}'",
    "mermaid.journey_for_one": "--journey names one journey, but {count} diagrams were found; import them one "
    "at a time",
    "mermaid.same_journey_twice": "journey '{journey}' comes from another diagram too, at {other}; give the "
    "diagrams different titles",
    "mermaid.journey_is_alias": "'{journey}' is an alias of journey '{other}'; pass --journey to choose another id",
    "mermaid.map_exists": "{path} already holds the {state} state of journey '{journey}': pass --force to replace it, "
    "or --journey to import under another id",
    # the files and diagrams written
    "mermaid.first_stage": "Steps",
    "mermaid.map_body": "Imported from the Mermaid journey diagram in `{source}`.",
    "mermaid.persona_body": "Created from the actor '{actor}' of a Mermaid journey diagram: add their role, "
    "goals and frustrations.",
    "mermaid.acc_title": "{title} ({state} state), a customer journey map",
    "mermaid.acc_summary": "The journey of {personas} in {stages} stages and {steps} steps, each scored from "
    "1 (very negative) to 5 (very positive).",
}

ZH: dict[str, str] = {
    "mermaid.cli.import": "把其他工具中的图转换为地图",
    "mermaid.cli.export": "把地图导出给其他工具",
    "mermaid.cli.import_mermaid": "把 Mermaid 旅程图（.mmd 文件，或 Markdown 文件中的 journey 代码块）转换为地图和"
    "用户画像；没有 --force 时绝不覆盖已有地图",
    "mermaid.cli.export_mermaid": "把地图输出为 Mermaid 旅程图，可粘贴到 wiki 或 README 中",
    "mermaid.opt.files": "Mermaid 文件，或含有 ```mermaid 代码块的 Markdown 文件",
    "mermaid.opt.force": "替换已存在的地图",
    "mermaid.opt.rescale": "分数超出 Mermaid 的 1 到 5 时，把该图自身的分数范围映射到情绪刻度上，而不是拒绝导入",
    "mermaid.opt.journey": "旅程 id（默认由标题生成）；仅用于单个图",
    "mermaid.opt.state": "图所表示的状态：current（现状，默认）或 future（未来状态）",
    "mermaid.opt.persona": "未写参与者的任务所属的用户画像：用户画像 id 或名字",
    "mermaid.opt.map": "地图：旅程，或 旅程/状态（默认：现状）",
    "mermaid.opt.output": "把图写入 FILE，而不是输出到屏幕",
    "mermaid.nothing_written.one": "{count} 个问题；没有写入任何文件",
    "mermaid.nothing_written": "{count} 个问题；没有写入任何文件",
    "mermaid.wrote_map": "已写入 {path}（'{title}'）：{stages} 个阶段、{steps} 个步骤，来自 {source}",
    "mermaid.replaced_map": "已替换 {path}（'{title}'）：{stages} 个阶段、{steps} 个步骤，来自 {source}",
    "mermaid.wrote_persona": "已写入 {path}：新的用户画像 '{name}'；请补充其信息",
    "mermaid.export.unknown_journey": "本站没有旅程 '{journey}'{hint}",
    "mermaid.export.no_state": "旅程 '{journey}' 没有{state}（它有：{states}）",
    "mermaid.known_journeys": "旅程",
    "mermaid.export.not_state": "'{state}' 不是状态；请写 旅程/current 或 旅程/future",
    "mermaid.export.map_problems": "{path} 有 {count} 个问题：请先修正（journeymaps validate）",
    "mermaid.no_journey": "这里没有 Mermaid 旅程图：旅程图以 'journey' 一行开头",
    "mermaid.no_journey_in_markdown": "这里没有任何 ```mermaid 代码块包含旅程图（以 'journey' 开头的图）",
    "mermaid.other_kind": "这是 Mermaid 的 '{kind}' 图；只有旅程图（journey）可以转换为地图",
    "mermaid.front_matter_not_closed": "图在此处开始的 front matter 没有以 '---' 结束",
    "mermaid.front_matter_invalid": "图的 front matter 不是有效的 YAML：{detail}",
    "mermaid.directive_not_closed": "'%%{{' 开始的指令没有以 '}}%%' 结束",
    "mermaid.acc_descr_not_closed": "'accDescr {{' 没有以 '}}' 结束",
    "mermaid.title_again": "第二个标题 '{title}' 替换了 '{first}'，与 Mermaid 的处理相同",
    "mermaid.section_no_name": "'section' 需要一个名称，例如 'section 上班'",
    "mermaid.no_score": "任务 '{task}' 没有分数：任务的写法是 '名称: 分数: 参与者'，例如 '泡茶: 5: 我'",
    "mermaid.no_task_name": "任务的 ':' 前需要名称，例如 '泡茶: 5: 我'",
    "mermaid.score_not_number": "任务 '{task}' 的分数 '{score}' 不是数字；Mermaid 的分数从 1 到 5",
    "mermaid.extra_data": "任务 '{task}' 参与者之后的 '{extra}' 被忽略，与 Mermaid 的处理相同；多个参与者请用 ',' 分隔",
    "mermaid.score_outside": "任务 '{task}' 的分数 {score} 超出了 Mermaid 的 1 到 5；"
    "传入 --rescale 可按 {low} 到 {high} 的刻度读取该图的分数",
    "mermaid.rescaled": "分数超出 1 到 5：已按 {low} 到 {high} 的刻度读取，"
    "并映射到情绪刻度 {scale_low} 到 {scale_high}",
    "mermaid.empty_section": "分区 '{section}' 没有任务，已略过：每个阶段至少需要一个步骤",
    "mermaid.no_tasks": "这个旅程图没有任务，无法生成地图",
    "mermaid.no_actor": "没有任务写明参与者，而地图需要用户画像：请在分数后加上参与者（'泡茶: 5: 我'），"
    "或传入 --persona",
    "mermaid.not_journey_id": "'{journey}' 不是旅程 id（小写字母、数字和 '-'）；可以试试 '{hint}'",
    "mermaid.journey_for_one": "--journey 只能指定一个旅程，但找到了 {count} 个图；请逐个导入",
    "mermaid.same_journey_twice": "旅程 '{journey}' 也来自另一个图（{other}）；请给这些图不同的标题",
    "mermaid.journey_is_alias": "'{journey}' 是旅程 '{other}' 的别名；请用 --journey 另选一个 id",
    "mermaid.map_exists": "{path} 已保存旅程 '{journey}' 的{state}：传入 --force 可替换它，"
    "或用 --journey 以其他 id 导入",
    "mermaid.first_stage": "步骤",
    "mermaid.map_body": "导入自 `{source}` 中的 Mermaid 旅程图。",
    "mermaid.persona_body": "根据 Mermaid 旅程图中的参与者 '{actor}' 创建：请补充其角色、目标和痛点。",
    "mermaid.acc_title": "{title}（{state}），客户旅程地图",
    "mermaid.acc_summary": "{personas}的旅程，共 {stages} 个阶段、{steps} 个步骤，"
    "每一步的分数从 1（非常负面）到 5（非常正面）。",
}
