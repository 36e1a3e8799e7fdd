"""The catalogue of firmware templates and their typed parameters (`<name>.params.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from leanbot_kit.errors import TemplateError
from leanbot_kit.i18n import _
from leanbot_kit.lesson.checker import Checker, join
from leanbot_kit.lesson.model import TemplateUse, Text
from leanbot_kit.lesson.source import SourceError, YNode, read_yaml
from leanbot_kit.lesson.suggest import did_you_mean

PARAM_TYPES = ("int", "bool", "distance", "time", "angle", "speed")
INT_LIMIT = 2**31 - 1
SUFFIX = ".params.yaml"


@dataclass(frozen=True)
class ParamSpec:
    """One template parameter: its type, default and range (in base units), and what it means."""

    name: str
    type: str
    default: Any
    low: int | None = None
    high: int | None = None
    description: Text = Text()


@dataclass(frozen=True)
class TemplateSpec:
    """A firmware template a lesson can name, with its parameters."""

    name: str
    description: Text
    params: dict[str, ParamSpec]
    path: Path


def template_catalog() -> dict[str, TemplateSpec]:
    """Every template declared in the firmware templates folder, by name."""
    from leanbot_kit.resources import templates_dir

    return dict(_catalog(templates_dir()))


@lru_cache(maxsize=4)
def _catalog(folder: Path) -> tuple[tuple[str, TemplateSpec], ...]:
    specs = (_load_spec(path) for path in sorted(folder.glob("*" + SUFFIX)))
    return tuple((spec.name, spec) for spec in specs)


def _load_spec(path: Path) -> TemplateSpec:
    ck = Checker(str(path))
    try:
        root, ck.problems = read_yaml(path.read_bytes(), str(path))
    except SourceError as exc:
        raise TemplateError(str(exc.problem)) from exc
    keys = ck.mapping(root, "", ("description", "params"), ("description", "params")) or {}
    description = (
        ck.bilingual(keys["description"], "description", "en") if "description" in keys else None
    )
    params = {}
    decl = ck.mapping(keys["params"], "params", keys["params"].value) if "params" in keys else None
    for name, node in (decl or {}).items():
        spec = _param(ck, name, node)
        if spec is not None:
            params[name] = spec
    if ck.problems:
        raise TemplateError(
            _("template declaration {path} is broken:\n{problems}").format(
                path=path, problems="\n".join(str(p) for p in ck.problems)
            )
        )
    return TemplateSpec(path.name[: -len(SUFFIX)], description or Text(), params, path)


def _param(ck: Checker, name: str, node: YNode) -> ParamSpec | None:
    path = f"params.{name}"
    keys = ck.mapping(
        node,
        path,
        ("type", "default", "min", "max", "description"),
        ("type", "default", "description"),
    )
    if (
        not keys
        or "type" not in keys
        or ck.choice(keys["type"], join(path, "type"), PARAM_TYPES) is None
    ):
        return None
    kind = keys["type"].text
    if kind == "bool":
        default = ck.boolean(keys["default"], join(path, "default")) if "default" in keys else None
        low = high = None
    else:
        low, high = (_bound(ck, kind, keys.get(k), join(path, k)) for k in ("min", "max"))
        default = _bound(ck, kind, keys.get("default"), join(path, "default"))
    description = ck.bilingual(keys["description"], join(path, "description"), "en")
    return ParamSpec(name, kind, default, low, high, description or Text())


def _bound(ck: Checker, kind: str, node: YNode | None, path: str) -> int | None:
    if node is None:
        return None
    if kind == "int":
        return ck.integer(node, path, -INT_LIMIT - 1, INT_LIMIT)
    return ck.quantity(node, path, kind, -INT_LIMIT - 1, INT_LIMIT)


def param_value(ck: Checker, spec: ParamSpec, node: YNode, path: str) -> Any:
    """A parameter value from the lesson, in base units and within the declared range."""
    if spec.type == "bool":
        return ck.boolean(node, path)
    low = spec.low if spec.low is not None else -INT_LIMIT - 1
    high = spec.high if spec.high is not None else INT_LIMIT
    if spec.type == "int":
        return ck.integer(node, path, low, high)
    return ck.quantity(node, path, spec.type, low, high)


def read_template(ck: Checker, node: YNode) -> TemplateUse | None:
    """The `template` section: a known template name and its parameters, defaults filled in."""
    keys = ck.mapping(node, "template", ("name", "params"), ("name",))
    if not keys or "name" not in keys:
        return None
    catalog = template_catalog()
    name = keys["name"].text if keys["name"].kind == "scalar" else ""
    if name not in catalog:
        ck.report(
            keys["name"],
            "template.name",
            _("unknown template {name!r}").format(name=name),
            did_you_mean(name, catalog)
            or _("known templates: {names}").format(names=", ".join(catalog)),
        )
        return None
    spec = catalog[name]
    given = ck.mapping(keys["params"], "template.params", spec.params) if "params" in keys else {}
    if given is None:
        return None
    values = {
        p: given_value
        for p, given_value in (
            (p, param_value(ck, spec.params[p], n, f"template.params.{p}"))
            for p, n in given.items()
        )
    }
    if None in values.values():
        return None
    resolved = {p: values.get(p, ps.default) for p, ps in spec.params.items()}
    return TemplateUse(name=name, params=resolved)
