"""What the plugin does for the other plugins a real site runs (i18n, minify, offline, privacy,
social, tags, nav, git dates): one module each, which the adapter (plugin.py) consults. These
modules know MkDocs and the other plugins; the core below them does not."""
