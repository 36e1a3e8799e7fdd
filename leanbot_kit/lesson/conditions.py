"""Conditions and expressions inside a lesson: parsed with `expr`, errors placed at their column."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from leanbot_kit.i18n import _
from leanbot_kit.lesson.checker import Checker, found
from leanbot_kit.lesson.expr import Expr, ExprError, parse_expr
from leanbot_kit.lesson.source import YNode
from leanbot_kit.lesson.suggest import did_you_mean


def column_in(node: YNode, col: int) -> int:
    """The file column of column `col` (1-based) inside a scalar that sits on one line."""
    if not node.one_line:
        return node.col
    return node.col + col - 1 + (1 if node.style in ("'", '"') else 0)


def name_positions(tree: tuple) -> Iterator[tuple[str, int]]:
    """Every name an expression tree reads, with its column inside the expression, in order."""
    if tree[0] == "name":
        yield tree[1], tree[2]
        return
    for part in tree[1:]:
        if isinstance(part, tuple):
            yield from name_positions(part)


def condition(ck: Checker, node: YNode, path: str, names: Collection[str]) -> Expr | None:
    """Parse the expression in `node`; every name it reads must be one of `names`."""
    if node.kind != "scalar" or node.value is None:
        ck.report(
            node,
            path,
            _('expected a condition like "ping_mm < 150", found {found}').format(found=found(node)),
        )
        return None
    try:
        expr = parse_expr(node.text)
    except ExprError as exc:
        ck.report(
            node,
            path,
            _("bad expression {source!r}: {error}").format(source=node.text, error=exc.message),
            col=column_in(node, exc.col),
        )
        return None
    ok = True
    for name, col in name_positions(expr.tree):
        if name not in names:
            ok = False
            ck.report(
                node,
                path,
                _("unknown name {name!r} in {source!r}").format(name=name, source=node.text),
                did_you_mean(name, names),
                col=column_in(node, col),
            )
    return expr if ok else None
