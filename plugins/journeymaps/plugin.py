"""The MkDocs plugin: a thin adapter between MkDocs and the journeymaps core."""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from PIL import ImageFont

from journeymaps.analysis.portfolio import opportunities_csv
from journeymaps.authoring.history import Histories
from journeymaps.authoring.history_beside import HistoryBeside
from journeymaps.authoring.mermaid import map_as_mermaid
from journeymaps.format.catalog import load_catalog
from journeymaps.format.files import write_atomically
from journeymaps.format.kept_catalog import read_catalog
from journeymaps.format.memo import FileMemo, stamp
from journeymaps.format.problems import InvalidSite
from journeymaps.model import Map, Step
from journeymaps.neighbours import addresses, i18n, minify, redirects, social, sources, tags
from journeymaps.neighbours import nav as navigation
from journeymaps.neighbours.decided import DecidedFile
from journeymaps.settings import OPTIONS, Settings, settings_from_options
from journeymaps.site import colours, urls
from journeymaps.site.cards import Cards, meta_tags, og_locale
from journeymaps.site.changes import indexes_touched, journeys_touched, touched_pages
from journeymaps.site.compiled import CompiledTemplates
from journeymaps.site.drawing import Drawer, DrawingFailed, Job
from journeymaps.site.editor_config import Repository, repository
from journeymaps.site.editor_page import editor_files
from journeymaps.site.export import dumps, history_data, index_data, journey_data, map_data, summary_data
from journeymaps.site.fonts import Fonts, find_fonts, has_chinese
from journeymaps.site.give_back import GiveBack
from journeymaps.site.held import Held, Plain, hold
from journeymaps.site.history_section import KeptSections
from journeymaps.site.icons import Icons
from journeymaps.site.interactive import draw_charts_early
from journeymaps.site.navigation import NavPage, NavSection, portfolio_nav
from journeymaps.site.pauses import CollectorPause
from journeymaps.site.photos import web_photos
from journeymaps.site.pieces import encode, kept_csv, kept_json
from journeymaps.site.plan import PlannedPage, SitePlan, plan_site
from journeymaps.site.preview import cache_path
from journeymaps.site.redirects import redirect_files
from journeymaps.site.render import Renderer, fill_in, for_search, section_headings
from journeymaps.site.rows import KeptRows
from journeymaps.site.search_words import coined_words, site_names
from journeymaps.site.unchanged import RenderedParts, compared
from journeymaps.siteconfig import plugin_options
from journeymaps.text import Text
from journeymaps.text.printable import guard_log, log_line

log = logging.getLogger("mkdocs.plugins.journeymaps")
ASSETS_DIR = Path(__file__).parent / "site" / "assets"


def _material_icons() -> Path | None:
    try:
        import material
    except ImportError:
        return None
    folder = Path(material.__file__).parent / "templates" / ".icons"
    return folder if folder.is_dir() else None


# Only the names and YAML types here; journeymaps.settings owns the options and their
# defaults, so the command line and the plugin cannot drift apart.
JourneyMapsConfig = type(
    "JourneyMapsConfig", (base.Config,), {name: c.Optional(c.Type(kind)) for name, kind in OPTIONS.items()}
)


class JourneyMapsPlugin(BasePlugin[JourneyMapsConfig]):
    supports_multiple_instances = False
    # Said once per process, not once per `mkdocs serve` rebuild.
    _told_about_jieba = False
    _told_about_fonts = False
    _told_about_site_url = False
    _told_about_drawing = False

    def __init__(self) -> None:
        self.serving = False
        self.settings = Settings()
        self.root = Path.cwd()
        self.plan: SitePlan | None = None
        self.renderer: Renderer | None = None
        self.pages: dict[str, PlannedPage] = {}
        self.deferred: dict[str, list[str]] = {}
        # Preview images, drawn in other processes during the build; the pool is kept across
        # `mkdocs serve` rebuilds and stopped in on_shutdown.
        self.drawer = Drawer()
        self.in_cache: dict[str, Path] = {}  # each preview image's file in the cache
        # Generated pages and their deferred parts, kept aside (compressed) while search reads their words.
        self.full: dict[str, Held | Plain] = {}
        self.give_back = GiveBack()  # the memory the largest pages leave once written
        self.labels = Text("en")
        self.cards: Cards | None = None
        self.folder = ""  # the language's folder ('zh/') on a site with static-i18n
        self.nav_titles: dict = {}  # the nav's titles of pages, while the tags index is written
        self.editor: Repository | None = None  # where the form editor at admin/ saves, when on
        # Kept across `mkdocs serve` rebuilds: files read once while unchanged, and with
        # --dirty, the site as last built, to rebuild only the pages an edit touches.
        self.dirty = False
        self.memo: FileMemo | None = None
        self.built: SitePlan | None = None
        self.touched: set[str] | None = None  # pages to build; None: all
        self.previews_written: dict[str, object] = {}
        self.parts = RenderedParts()  # what the index pages showed, to leave those an edit did not change
        self.rows = KeptRows()  # their rows, made again only for what an edit changed
        self.undecided: list[tuple[File, PlannedPage]] = []
        self.settings_file: tuple[int, int] | None = None  # mkdocs.yml's modification time and size
        self.built_settings_file: tuple[int, int] | None = None
        self.compiled: CompiledTemplates | None = None
        self.history: HistoryBeside | None = None  # each map's history across reviews, from git
        self.pauses = CollectorPause()  # no cycle collection while a dirty rebuild runs
        self.history_kept: KeptSections | None = None  # the history sections, across `mkdocs serve` rebuilds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = self.serving and dirty
        self.memo = FileMemo() if self.serving else None
        self.compiled = CompiledTemplates() if self.serving else None  # the theme's templates, across rebuilds
        # Another server in this process starts afresh.
        self.built, self.parts, self.rows = None, RenderedParts(), KeptRows()
        self.history_kept = None

    # After every other plugin's on_config: offline turns directory URLs off, and i18n sets
    # the theme's language for each language it builds.
    @event_priority(-110)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Everything is read and validated here, before MkDocs cleans site_dir,
        # so a broken map leaves the last good site whole. State is rebuilt
        # from scratch because the plugin lives across `mkdocs serve` rebuilds.
        self.plan, self.renderer, self.pages, self.deferred, self.full, self.cards = None, None, {}, {}, {}, None
        self.undecided = []
        guard_log(logging.getLogger("mkdocs"))  # a map's text reaches MkDocs' own messages too (its links)
        self.root = Path(config.config_file_path or ".").resolve().parent
        language = (config.theme.get("language") or "en") if config.theme else "en"
        text = Text(language)
        self.settings, errors = settings_from_options(plugin_options(self.config), language=language)
        if errors:
            name = Path(config.config_file_path or "mkdocs.yml").name
            raise PluginError("\n".join(log_line(text("config.where", file=name, message=e)) for e in errors))
        if self.dirty and self.built is not None:
            self.pauses.pause()  # resumed in _add_files when the whole site is rebuilt
        self.history = self._history(text)  # read beside the build while it reads the maps
        try:
            if self.memo is None:  # `mkdocs build`: what the last build read, when the files are the same
                catalog = read_catalog(self.root, self.settings, self.root / ".cache" / "journeymaps")
            else:
                catalog = load_catalog(self.root, self.settings, self.memo)
        except InvalidSite as err:
            self.history.stop()
            self.pauses.resume(collect_later=False)
            raise PluginError(f"{err.report(text)}\n{text('build.nothing_built', summary=err.summary(text))}") from None
        self.fonts = self._fonts(text, config)
        self.editor = self._editor(config, text)
        if "jieba" in sys.modules:  # imported by Material's search; its notes are not the author's business
            logging.getLogger("jieba").setLevel(logging.WARNING)
        for folder in (self.settings.maps_dir, self.settings.personas_dir, self.settings.metrics_dir):
            if (self.root / folder).is_dir() and str(self.root / folder) not in config.watch:
                config.watch.append(str(self.root / folder))
        self.plan = plan_site(
            catalog,
            include_drafts=self.serving,
            emotion_scale=self.settings.emotion_scale,
            metrics_stale_after=self.settings.metrics_stale_after,
            before=self.built,
        )
        self.renderer = Renderer(
            self.plan,
            self.settings,
            Icons(_material_icons()),
            config.use_directory_urls,
            site_name=config.site_name,
            site_url=config.site_url,
            favicon=config.theme.get("favicon") if config.theme else None,
        )
        self.labels = self.renderer.labels
        if self.dirty:
            self.renderer.env.globals["kept_rows"] = self.rows
        self.renderer.history = self.history
        self.renderer.history_kept = self._history_kept(self.root / ".cache" / "journeymaps" / "history" / "sections")
        self.pages = self.plan.by_src()
        config.extra_css += [urls.STYLE, urls.GENERATED_STYLE]
        config.extra_javascript.append(urls.SCRIPT)
        return config

    def _history_kept(self, cache: Path) -> KeptSections:
        """The history sections kept: read once per `mkdocs serve`, written when it stops."""
        if self.serving and self.history_kept is not None and self.history_kept.cache == cache:
            return self.history_kept
        if self.history_kept is not None:
            self.history_kept.write()  # another site's
        kept = KeptSections(cache)
        self.history_kept = kept if self.serving else None
        return kept

    def _history(self, text: Text) -> HistoryBeside:
        """Each map's history across reviews, from git, read in another process until the
        first map page needs it; without one, the build says why."""

        def told(found: Histories) -> None:
            if found.unavailable:
                log.info(text("build.no_history", reason=text[f"history_reason.{found.unavailable}"]))

        return HistoryBeside(self.root, self.settings, self.root / ".cache" / "journeymaps" / "history", told)

    def _fonts(self, text: Text, config: MkDocsConfig) -> Fonts:
        """The fonts for images: the site's own (checked here, before anything is built), or
        one found on the machine."""
        if not self.settings.font:
            return find_fonts()
        path = (self.root / self.settings.font).resolve()
        name = Path(config.config_file_path or "mkdocs.yml").name
        if not path.is_file():
            looked = path.relative_to(self.root) if path.is_relative_to(self.root) else path
            message = text("config.font_missing", path=self.settings.font, looked=looked)
            raise PluginError(text("config.where", file=name, message=message))
        try:
            ImageFont.truetype(str(path), 12)
        except OSError:
            message = text("config.font_unreadable", path=self.settings.font)
            raise PluginError(text("config.where", file=name, message=message)) from None
        return find_fonts(str(path))

    def _editor(self, config: MkDocsConfig, text: Text) -> Repository | None:
        if self.settings.editor is None:
            return None
        repo, errors = repository(self.settings.editor, config.repo_url, config.edit_uri)
        if errors:
            name = Path(config.config_file_path or "mkdocs.yml").name
            raise PluginError("\n".join(log_line(text("config.where", file=name, message=e)) for e in errors))
        return repo

    def _add_editor(self, files: Files, config: MkDocsConfig) -> None:
        if self.editor is None:
            return
        for uri, content in editor_files(self.settings, self.labels, self.editor, config.site_url).items():
            if isinstance(content, Path):
                files.append(File.generated(config, uri, abs_src_path=str(content)))
            else:
                files.append(File.generated(config, uri, content=content))

    def _files_early(self, files: Files, *, config: MkDocsConfig) -> Files:
        return files if i18n.plugin(config) else self._add_files(files, config)

    def _files_late(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not i18n.plugin(config):
            return files
        before = {id(f) for f in files}
        files = self._add_files(files, config)
        added = [file for file in files if id(file) not in before]
        for file in added:
            i18n.localise(file, config)
        redirects.tell_about(added, config, i18n.folder(config))
        return files

    on_files = CombinedEvent(
        # Before plugins that read the files (redirects checks its targets against them).
        event_priority(50)(_files_early),
        # With static-i18n: after it has made the files of the language being built anew.
        event_priority(-110)(_files_late),
    )

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.plan is not None and self.renderer is not None
        self.folder = i18n.folder(config)
        self.rows.context = (self.folder, self.labels.language, config.use_directory_urls)
        renamed = minify.renamed_assets(config)
        self.renderer.use_directory_urls = config.use_directory_urls
        self.renderer.asset = lambda site_path: self.folder + renamed(site_path)
        if tags.material_tags_on(config):
            for src_uri in tags.our_tag_pages(self.plan):
                self.plan.without(src_uri)
                del self.pages[src_uri]
        # Where each of the site's own files is written: a page of ours written there would
        # replace it (the author's tags.md and our tags/index.md are both tags/index.html).
        taken = {f.dest_uri: f.src_uri for f in files}
        for page in list(self.plan.pages):
            authors = taken.get(urls.page_path(page.src_uri, config.use_directory_urls))
            if authors is not None:
                # The author's page wins, whole: ours is left out of the build and the nav.
                log.info(self.labels("build.author_page_wins", path=f"{Path(config.docs_dir).name}/{authors}"))
                self.plan.without(page.src_uri)
                del self.pages[page.src_uri]
        # Another mkdocs.yml (a theme option, say) may change any page: all are rebuilt.
        settings_file = stamp(Path(config.config_file_path)) if config.config_file_path else None
        same_settings = settings_file == self.built_settings_file
        self.touched = touched_pages(self.built, self.plan) if self.dirty and same_settings else None
        if self.touched is None:
            self.pauses.resume(collect_later=False)
        self.settings_file = settings_file
        self.rows.start(whole=self.touched is None)
        for page in self.plan.pages:
            if page.policy.standalone:
                continue  # a document of our own, written once the preview cards are known
            source = self.root / page.source if page.source else None
            # NOT_IN_NAV: on_nav places them itself, so MkDocs need not list them as missing.
            file = DecidedFile.generated(
                config,
                page.src_uri,
                abs_src_path=str(source or config.config_file_path),
                inclusion=InclusionLevel.NOT_IN_NAV,
            )
            # Without content, a dirty build leaves the page as written. An index page an
            # edit may have changed is compared once the pages' addresses are known
            # (site/unchanged.py).
            if self.touched is not None and page.src_uri in self.touched and compared(page):
                self.undecided.append((file, page))
            elif self.touched is None or page.src_uri in self.touched or not file.keep_as_written():
                file.content_string = page.body
            sources.point_at_source(file, source, config)  # after the content, which unsets it
            files.append(file)
        self._add_static(files, config)
        self._add_editor(files, config)
        self._add_data(files, config)
        self._teach_search(config)
        # The pages are settled now (an author's page may stand in for one of ours).
        self.cards = Cards(self.plan, self.settings, self.labels, config.site_name, config.use_directory_urls)
        self.cards.build(self.root, only=self.touched)
        self._draw_previews_ahead()
        self._add_standalone(files, config)
        return files

    def _add_standalone(self, files: Files, config: MkDocsConfig) -> None:
        """Pages outside the theme (the embed view): whole documents, written as files, so
        neither the theme, nor search, nor the nav, nor the sitemap takes them for pages."""
        assert self.plan is not None and self.renderer is not None
        for page in self.plan.pages:
            if not page.policy.standalone or (self.touched is not None and page.src_uri not in self.touched):
                continue
            document = fill_in(*self.renderer.render(page, ""))
            url = self.folder + urls.page_url(page.src_uri, config.use_directory_urls)
            document = self._with_card(document, page.src_uri, url, config)
            path = urls.page_path(page.src_uri, config.use_directory_urls)
            files.append(File.generated(config, path, content=document.encode()))

    def _with_card(self, output: str, src_uri: str, url: str, config: MkDocsConfig) -> str:
        """The page with its preview-card tags in its head."""
        card = self.cards.cards.get(src_uri) if self.cards else None
        if card is None:
            return output
        page_url = urls.absolute_url(config.site_url, url)
        image_url = urls.absolute_url(config.site_url, self.folder + card.image)
        meta = meta_tags(card, page_url, image_url, config.site_name, og_locale(self.labels))
        return output.replace("</head>", meta + "</head>", 1)

    def _teach_search(self, config: MkDocsConfig) -> None:
        """On a Chinese site, give jieba (which Material's search cuts Chinese with) the
        site's own words; without jieba, say once how to get search that finds words."""
        if self.labels.language != "zh" or not any(name.endswith("search") for name in config.plugins):
            return
        try:
            import jieba
        except ImportError:
            if not JourneyMapsPlugin._told_about_jieba:
                JourneyMapsPlugin._told_about_jieba = True
                log.info(self.labels["build.no_jieba"])
            return
        assert self.plan is not None
        channels = [ch.label for ch in map(self.renderer.channels, self.settings.channels)] if self.renderer else []
        for word in coined_words(site_names(self.plan.catalog, channels), jieba.cut):
            jieba.add_word(word)

    def _add_static(self, files: Files, config: MkDocsConfig) -> None:
        statics = {
            urls.SCRIPT: ASSETS_DIR / "journeymaps.js",
            urls.STYLE: ASSETS_DIR / "journeymaps.css",
            # plotly.js's basic bundle, shipped in the package (site/assets/THIRD-PARTY.md).
            urls.PLOTLY_JS: ASSETS_DIR / "plotly-basic.min.js",
        }
        assert self.plan is not None
        for uri, path in statics.items():
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        cache = self.root / ".cache" / "journeymaps" / "photos"
        for persona in self.plan.catalog.personas.values():
            if persona.photo:
                for size, webp in web_photos(self.root / persona.photo, cache).items():
                    files.append(File.generated(config, urls.persona_photo(persona.id, size), content=webp))

    def _add_data(self, files: Files, config: MkDocsConfig) -> None:
        assert self.plan is not None
        # Held until MkDocs copies them: as UTF-8 bytes, a quarter of a str with Chinese in it.
        rewritten = journeys_touched(self.plan, self.touched)
        for journey in self.plan.catalog.journeys.values():
            if rewritten is not None and journey.id not in rewritten:
                continue  # a dirty build leaves them as written
            states = {m.state: map_data(m, self.plan) for m in journey.ordered_states()}
            for m in journey.ordered_states():
                json_file = urls.map_file(journey.id, m.state, "map.json")
                files.append(File.generated(config, json_file, content=dumps(states[m.state]).encode()))
                mermaid = map_as_mermaid(m, self.plan.catalog.personas, self.settings.emotion_scale, self.labels)
                files.append(File.generated(config, urls.map_mermaid(journey.id, m.state), content=mermaid.encode()))
            data = journey_data(journey, self.plan.comparison(journey), states)
            summary_url = urls.page_url(urls.summary_src(journey.id), config.use_directory_urls)
            data["summary"] = summary_data(self.plan.summary(journey), summary_url)
            files.append(
                File.generated(config, urls.journey_file(journey.id, "journey.json"), content=dumps(data).encode())
            )
        if not indexes_touched(self.touched):
            return  # a dirty build leaves the files of every journey as written
        udu = config.use_directory_urls
        if self.dirty:  # made of the pieces kept with the rows, those of unchanged maps reused
            index = encode(index_data(self.plan, udu, kept_json(self.rows))) + "\n"
        else:
            index = dumps(index_data(self.plan, udu))
        files.append(File.generated(config, urls.INDEX_JSON, content=index.encode()))

        def map_url(m: Map, step: Step) -> str:
            url = urls.page_url(urls.map_src(m.journey, m.state), config.use_directory_urls)
            return f"{urls.absolute_url(config.site_url, url) or quote(url)}#{urls.anchor('step', step.id)}"

        # The BOM tells spreadsheet apps the file is UTF-8, which Chinese text needs.
        if self.dirty:
            table = kept_csv(self.plan.catalog.maps(), self.rows, map_url, self.labels)
        else:
            table = opportunities_csv(self.plan.all_opportunities, map_url, self.labels)
        table = "\ufeff" + table
        files.append(File.generated(config, urls.OPPORTUNITIES_CSV, content=table))

    @event_priority(100)  # before any plugin that minifies or rewrites the finished page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.touched is None:  # a dirty rebuild's few large pages: their memory serves the next save
            self.give_back.now()  # what the last large page left, written and freed by now
        planned = self.pages.get(page.file.src_uri)
        if planned is None:
            return output
        # The card's tags go into the head while the page is still the theme's few words: on
        # the largest index pages each copy of the whole page is tens of megabytes.
        output = self._with_card(output, page.file.src_uri, page.url, config)
        held = self.full.pop(page.file.src_uri, None)
        if held is None:
            output = fill_in(output, self.deferred.pop(page.file.src_uri, []))
        else:
            output = fill_in(output, *held.full_and_deferred())
        self.give_back.written(output)
        return draw_charts_early(output)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.touched is None:
            self.give_back.now()
        assert self.plan is not None
        site_dir = Path(config.site_dir) / self.folder
        self._write_previews(config, site_dir)
        assert self.renderer is not None
        generated = colours.stylesheet() + self.renderer.icons.stylesheet()
        (site_dir / urls.GENERATED_STYLE).write_text(generated, encoding="utf-8")
        self.renderer.history_sections.save(whole=self.touched is None)  # a whole build: those it did not show go
        assert self.history is not None
        self.history.stop()  # still reading only if no page asked for the history
        for path, page in redirect_files(self.plan, config.use_directory_urls, self.labels.language).items():
            target = site_dir / path
            if target.exists() and target.read_text(encoding="utf-8") == page:
                continue  # written by the last build, kept by a dirty one
            if target.exists():
                log.warning(self.labels("build.alias_page_exists", path=path))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
        self.built, self.built_settings_file = self.plan, self.settings_file  # what a dirty build compares with
        self.parts.commit()
        self.rows.commit()
        self.pauses.resume()

    def _preview_cache(self) -> Path:
        return self.root / ".cache" / "journeymaps" / "previews"

    def _draw_previews_ahead(self) -> None:
        """Start drawing the preview images that are not cached yet, into the cache, in other
        processes while MkDocs renders the pages (site/drawing.py)."""
        assert self.cards is not None
        cache, fonts = self._preview_cache(), self.fonts
        self.in_cache, jobs = {}, {}
        for d in self.cards.drawings.values():
            target = cache_path([d.what, fonts.regular, fonts.bold], cache)
            self.in_cache[d.path] = target
            if target not in jobs and not target.is_file():
                jobs[target] = Job(target, d.draw)
        self.drawer.start(list(jobs.values()), fonts)

    def on_build_error(self, *, error: Exception) -> None:
        if self.history is not None:
            self.history.stop()
        self.parts.discard()
        self.rows.discard()
        self.pauses.resume()
        if self.serving:
            self.drawer.cancel()  # the workers stay for the next rebuild
        else:
            self.drawer.close()

    def on_shutdown(self) -> None:
        self.drawer.close()
        if self.history is not None:
            self.history.stop()
        if self.history_kept is not None:
            self.history_kept.write()  # what the dirty rebuilds rendered, for the next server
        self.pauses.close()

    def _write_previews(self, config: MkDocsConfig, site_dir: Path) -> None:
        """The preview image of every page with a card, from the cache the pool drew into."""
        assert self.cards is not None
        if not config.site_url and not JourneyMapsPlugin._told_about_site_url:
            JourneyMapsPlugin._told_about_site_url = True
            # INFO, not a warning: sites built without an address (Backstage TechDocs, previews
            # of pull requests) are common, and a strict build must pass there.
            log.info(self.labels["build.no_site_url"])
        drawings = list(self.cards.drawings.values())
        words = [w for d in drawings for w in d.words]
        if not self.fonts.chinese and not JourneyMapsPlugin._told_about_fonts and has_chinese(words):
            JourneyMapsPlugin._told_about_fonts = True
            log.warning(self.labels["build.no_chinese_font"])
        try:
            drawn = self.drawer.finish()
        except DrawingFailed as failed:
            path = next(d.path for d in drawings if self.in_cache[d.path] == failed.target)
            raise PluginError(self.labels("build.preview_failed", path=path, reason=failed.reason)) from None
        finally:
            if not self.serving:
                self.drawer.close()  # a `mkdocs serve` keeps its workers for the next rebuild
        if self.drawer.trouble and not JourneyMapsPlugin._told_about_drawing:
            JourneyMapsPlugin._told_about_drawing = True
            log.info(self.labels("build.previews_here", reason=self.drawer.trouble))
        for drawing in drawings:
            found = drawn.get(self.in_cache[drawing.path], self.in_cache[drawing.path])
            target = site_dir / drawing.path
            if self.dirty and self.previews_written.get(drawing.path) == found and target.exists():
                continue  # the same image as the last build wrote there
            # Whole or not at all: a build stopped here leaves no half image for a crawler.
            write_atomically(target, found if isinstance(found, bytes) else found.read_bytes())
            if not isinstance(found, bytes):
                self.previews_written[drawing.path] = found

    # After awesome-nav (100) wrote the nav, before section-index (0) turns sections into pages.
    def _place_in_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.plan is not None and self.renderer is not None
        self.renderer.locate = addresses.locator(files)
        by_src = files.src_uris  # our addresses are written as MkDocs keeps them: no need to normalise each
        ours = {id(f.page) for src in self.pages if (f := by_src.get(src)) and f.page}
        titles = navigation.authors_titles(nav.items, ours)  # before ours are set below

        def built(entry: NavPage | NavSection) -> Page | Section | None:
            if isinstance(entry, NavSection):
                children = [c for c in map(built, entry.children) if c is not None]
                return Section(html.escape(entry.title), children) if children else None
            file = files.get_file_from_path(entry.src)
            if file is None or file.page is None:
                return None
            file.page.title = html.escape(entry.title)  # MkDocs' templates do not escape titles
            return file.page

        sections = [s for s in map(built, portfolio_nav(self.plan, self.settings, self.labels)) if s is not None]
        return navigation.linked(navigation.placed(nav.items, sections, ours, titles))

    def _compare_index_pages(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Under --dirty: the index pages an edit may have changed are rebuilt when what they
        show did change. Once every plugin has placed the pages, before MkDocs reads them."""
        assert self.renderer is not None
        for file, page in self.undecided:
            # By the language's folder too: static-i18n builds each language with this plugin.
            rendered = self.rows.marked(lambda page=page: self.renderer.render(page, ""))
            changed = self.parts.changed(self.folder + page.src_uri, rendered)
            if changed or not file.keep_as_written():
                file.content_string = page.body
                sources.point_at_source(file, self.root / page.source if page.source else None, config)
        self.undecided = []
        return nav

    on_nav = CombinedEvent(event_priority(50)(_place_in_nav), event_priority(-100)(_compare_index_pages))

    def _own_titles_for_tags(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if tags.material_tags_on(config):
            by_src = files.src_uris
            ours = [f.page for src in self.pages if (f := by_src.get(src)) and f.page]
            self.nav_titles = tags.own_titles(ours)
        return env

    def _nav_titles_back(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        tags.nav_titles(self.nav_titles)
        self.nav_titles = {}
        return env

    def _compile_once(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.compiled is not None and env.bytecode_cache is None:
            env.bytecode_cache = self.compiled
        return env

    def _add_history_files(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Each map's history.json: added once the pages are rendered, so the history could be
        read beside the build until the first map page asked for it (MkDocs copies these after)."""
        assert self.plan is not None and self.history is not None
        rewritten = journeys_touched(self.plan, self.touched)
        for journey in self.plan.catalog.journeys.values():
            if rewritten is not None and journey.id not in rewritten:
                continue  # a dirty build leaves them as written
            for m in journey.ordered_states():
                found = self.history.of(m)
                if found is not None and not found.empty:
                    path = urls.map_file(journey.id, m.state, "history.json")
                    file = File.generated(config, path, content=dumps(history_data(found)).encode())
                    i18n.localise(file, config)
                    files.append(file)
        return env

    on_env = CombinedEvent(
        event_priority(110)(_compile_once),
        event_priority(110)(_add_history_files),
        event_priority(110)(_own_titles_for_tags),  # Material's tags plugin writes its index at 100
        event_priority(99)(_nav_titles_back),
    )

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is not None:
            labels = self.labels
            kind = planned.policy
            title = labels(kind.label, name=planned.title) if kind.label else planned.title
            if not kind.searchable:
                page.meta["search"] = {"exclude": True}
            if self.cards is not None and page.file.src_uri in self.cards.cards:
                social.leave_to_us(page.meta)
            hide = [*([] if kind.toc else ["toc"]), *(["navigation"] if kind.wide else [])]
            if hide:
                page.meta["hide"] = hide
            if planned.map is not None:
                if planned.map.tags:
                    page.meta["tags"] = list(planned.map.tags)  # for Material's tags plugin, when it is on
                title = f"{title} · {labels['state.' + planned.map.state]}"
                if planned.map.description:
                    page.meta["description"] = html.escape(planned.map.description)
            page.meta["title"] = html.escape(title)
        return markdown

    def _render_page(self, html_body: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.pages.get(page.file.src_uri)
        if planned is None or self.renderer is None:
            return html_body
        ahead = self.parts.take(self.folder + page.file.src_uri)
        if ahead is not None and not html_body:
            content, deferred = ahead  # compared with the last build's already (_compare_index_pages)
        elif self.dirty and compared(planned):
            rendered = self.rows.marked(lambda: self.renderer.render(planned, html_body))
            self.parts.keep(self.folder + page.file.src_uri, rendered)
            content, deferred = rendered.whole()
        else:
            content, deferred = self.renderer.render(planned, html_body)
        self.deferred[page.file.src_uri] = deferred
        # The table of contents: the sections the page wrote, then the author's own headings.
        authors = {link.id for link in _walk(page.toc)}
        ours = [AnchorLink(title, ident, 2) for ident, title in section_headings(content) if ident not in authors]
        page.toc = TableOfContents(ours + list(page.toc))
        return content

    def _hand_to_search(self, html_body: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Once every plugin has had the page: the words for search in its place, the page
        kept aside with its deferred parts (compressed: site/held.py) until on_post_page puts
        them back.
        MkDocs holds every page's content until the build ends."""
        planned = self.pages.get(page.file.src_uri)
        if planned is None or self.renderer is None:
            return html_body
        parts = [html_body, *self.deferred.pop(page.file.src_uri, [])]
        self.full[page.file.src_uri] = hold(parts) if self.touched is None else Plain(tuple(parts))
        return for_search(html_body, words=planned.policy.searchable)

    on_page_content = CombinedEvent(
        event_priority(50)(_render_page),  # before other plugins read the content
        event_priority(-100)(_hand_to_search),  # after them all, before search reads it
    )


def _walk(links) -> list[AnchorLink]:
    return [item for link in links for item in (link, *_walk(link.children))]
