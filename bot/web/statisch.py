"""The files both web apps serve themselves: the NL Design System packages from npm (web/package.json) and our
shared stylesheet. Only these folders are served; nothing comes from another site."""
from __future__ import annotations

from pathlib import Path

from bot.config import PROJECT_ROOT

NODE_MODULES = PROJECT_ROOT / "web" / "node_modules"
GEDEELD: dict[str, Path] = {
    "utrecht": NODE_MODULES / "@utrecht" / "component-library-css" / "dist",
    # The NL Design System example theme (EUPL): Utrecht's own tokens are Utrecht's brand, not ours to use.
    "tokens": NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist",
    "noto-sans": NODE_MODULES / "@fontsource" / "noto-sans",
    "huisstijl": Path(__file__).resolve().parent / "static",
}
