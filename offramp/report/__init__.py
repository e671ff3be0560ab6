"""The analyst's brief: one self-contained HTML file, or Markdown (see ``brief.py``)."""

from __future__ import annotations

from .brief import Brief, collect, render_html, render_markdown, safe_url, write_brief

__all__ = ["Brief", "collect", "render_html", "render_markdown", "safe_url", "write_brief"]
