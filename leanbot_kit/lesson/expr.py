"""The small, safe language of conditions and expressions (never `eval`'d).

One parser serves both ends: `Expr.to_cpp()` writes the C++ for the sketch, `Expr.evaluate()` grades
expectations in Python, with the same integer semantics: 32-bit two's complement (every result wraps like
the robot's `long`; the C++ goes through the `lbk_add`/`lbk_mul`… helpers of lbk_runtime.h, so the
simulator's 64-bit host computes the same), division truncating toward zero, division by zero giving 0.

    expr   := or
    or     := and ("or" and)*
    and    := not ("and" not)*
    not    := "not" not | cmp
    cmp    := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
    sum    := term (("+" | "-") term)*
    term   := unary (("*" | "/" | "%") unary)*
    unary  := "-" unary | atom
    atom   := INT | 0bBITS | 0xHEX | true | false | NAME | "abs" "(" expr ")" | "(" expr ")"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from leanbot_kit.i18n import _

MAX_LENGTH = 200
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
INT32_LIMIT = 2**31  # the largest literal: `-2147483648` is minus 2147483648, as in C
MAX_DEPTH = 32
FUNCTIONS = ("abs",)
_TOKEN = re.compile(
    r"\s*(?:(?P<num>0[bB][01]+|0[xX][0-9a-fA-F]+|\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|&&|\|\||[-+*/%<>()!=&|]))"
)
_CMP = ("<", "<=", ">", ">=", "==", "!=")
_C_STYLE = {"&&": "and", "||": "or", "!": "not", "=": "==", "&": "and", "|": "or"}


class ExprError(ValueError):
    """A syntax error in an expression; `col` is the 1-based column inside the expression."""

    def __init__(self, message: str, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.col = col


@dataclass(frozen=True)
class Expr:
    """A parsed expression: its source text, its tree, and the names it reads."""

    source: str
    tree: tuple
    names: frozenset[str] = field(default_factory=frozenset)

    def to_cpp(self, resolve: Callable[[str], str]) -> str:
        """The C++ expression; `resolve` maps each name to the C++ that reads it."""
        return _cpp(self.tree, resolve)

    def evaluate(self, env: Mapping[str, int]) -> int:
        """The value with every name taken from `env` (KeyError for a name that is missing)."""
        return _eval(self.tree, env)

    def __str__(self) -> str:
        return self.source


def parse_expr(source: object) -> Expr:
    """Parse an expression (a string, an int or a bool) or raise ExprError."""
    if isinstance(source, bool):
        source = "true" if source else "false"
    if isinstance(source, int):
        source = str(source)
    if not isinstance(source, str):
        raise ExprError(_("an expression must be text, like \"ping_mm < 150\""), 1)
    if len(source) > MAX_LENGTH:
        raise ExprError(_("expression longer than {n} characters").format(n=MAX_LENGTH), MAX_LENGTH)
    parser = _Parser(source)
    tree = parser.parse()
    return Expr(source=source, tree=tree, names=frozenset(parser.names))


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = self._tokenize(source)
        self.pos = 0
        self.depth = 0
        self.names: set[str] = set()

    @staticmethod
    def _tokenize(source: str) -> list[tuple[str, str, int]]:
        tokens, i = [], 0
        while i < len(source):
            if source[i:].strip() == "":
                break
            m = _TOKEN.match(source, i)
            if not m:
                col = i + len(source[i:]) - len(source[i:].lstrip()) + 1
                raise ExprError(_("unexpected character {ch!r}").format(ch=source[col - 1]), col)
            kind = m.lastgroup
            text = m.group(kind)
            tokens.append((kind, text, m.start(kind) + 1))
            i = m.end()
        tokens.append(("end", "", len(source) + 1))
        return tokens

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.pos]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> tuple:
        if self.peek()[0] == "end":
            raise ExprError(_("empty expression"), 1)
        tree = self.or_()
        kind, text, col = self.peek()
        if kind != "end":
            raise ExprError(_("unexpected {tok!r}").format(tok=text) + self._c_hint(text), col)
        return tree

    def _c_hint(self, text: str) -> str:
        if text in _C_STYLE:
            return " — " + _("write {good!r} instead").format(good=_C_STYLE[text])
        return ""

    def _nest(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError(_("expression nested too deeply"), self.peek()[2])

    def _binary(self, ops: tuple[str, ...], sub: Callable[[], tuple], kind: str = "op") -> tuple:
        left = sub()
        while self.peek()[1] in ops and self.peek()[0] == kind:
            op = self.take()[1]
            left = ("bin", op, left, sub())
        return left

    def or_(self) -> tuple:
        return self._binary(("or",), self.and_, "name")

    def and_(self) -> tuple:
        return self._binary(("and",), self.not_, "name")

    def not_(self) -> tuple:
        if self.peek() [:2] == ("name", "not"):
            self.take()
            self._nest()
            inner = self.not_()
            self.depth -= 1
            return ("un", "not", inner)
        return self.cmp()

    def cmp(self) -> tuple:
        left = self.sum()
        if self.peek()[0] == "op" and self.peek()[1] in _CMP:
            op = self.take()[1]
            left = ("bin", op, left, self.sum())
            kind, text, col = self.peek()
            if kind == "op" and text in _CMP:
                raise ExprError(_("comparisons cannot be chained; join them with 'and'"), col)
        return left

    def sum(self) -> tuple:
        return self._binary(("+", "-"), self.term)

    def term(self) -> tuple:
        return self._binary(("*", "/", "%"), self.unary)

    def unary(self) -> tuple:
        if self.peek()[:2] == ("op", "-"):
            self.take()
            self._nest()
            inner = self.unary()
            self.depth -= 1
            return ("un", "-", inner)
        return self.atom()

    def atom(self) -> tuple:
        kind, text, col = self.take()
        if kind == "num":
            value = int(text, 0)
            if value > INT32_LIMIT:
                raise ExprError(_("{number} does not fit the robot's 32-bit numbers (at most {limit})").format(
                    number=text, limit=INT32_MAX), col)
            return ("num", wrap32(value))
        if kind == "name":
            return self._name(text, col)
        if text == "(":
            self._nest()
            inner = self.or_()
            self.depth -= 1
            self._expect(")")
            return inner
        if kind == "end":
            raise ExprError(_("expression ends too early"), col)
        raise ExprError(_("unexpected {tok!r}").format(tok=text) + self._c_hint(text), col)

    def _name(self, text: str, col: int) -> tuple:
        if text in ("true", "false"):
            return ("num", 1 if text == "true" else 0)
        if text in ("and", "or", "not"):
            raise ExprError(_("{word!r} needs a value before it").format(word=text), col)
        if self.peek()[1] == "(":
            if text not in FUNCTIONS:
                raise ExprError(_("unknown function {name!r}; only abs() is known").format(name=text), col)
            self.take()
            self._nest()
            inner = self.or_()
            self.depth -= 1
            self._expect(")")
            return ("call", text, inner)
        self.names.add(text)
        return ("name", text, col)

    def _expect(self, text: str) -> None:
        kind, got, col = self.take()
        if got != text:
            shown = got or _("the end")
            raise ExprError(_("expected {want!r} but found {got!r}").format(want=text, got=shown), col)


def wrap32(value: int) -> int:
    """`value` as a 32-bit two's complement number (what the robot's registers hold)."""
    return ((value + 2**31) & 0xFFFFFFFF) - 2**31


def _trunc_div(a: int, b: int) -> int:
    if b == 0:
        return 0
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _trunc_mod(a: int, b: int) -> int:
    return 0 if b == 0 else a - b * _trunc_div(a, b)


_PY_OPS: dict[str, Callable[[int, int], int]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _trunc_div,
    "%": _trunc_mod,
    "<": lambda a, b: int(a < b),
    "<=": lambda a, b: int(a <= b),
    ">": lambda a, b: int(a > b),
    ">=": lambda a, b: int(a >= b),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
}


def _eval(node: tuple, env: Mapping[str, int]) -> int:
    tag = node[0]
    if tag == "num":
        return node[1]
    if tag == "name":
        return wrap32(int(env[node[1]]))
    if tag == "call":
        return wrap32(abs(_eval(node[2], env)))
    if tag == "un":
        value = _eval(node[2], env)
        return int(not value) if node[1] == "not" else wrap32(-value)
    op, left = node[1], _eval(node[2], env)
    if op == "and":
        return int(bool(left) and bool(_eval(node[3], env)))
    if op == "or":
        return int(bool(left) or bool(_eval(node[3], env)))
    return wrap32(_PY_OPS[op](left, _eval(node[3], env)))


_CPP_OPS = {"and": "&&", "or": "||"}
_CPP_CALLS = {"+": "lbk_add", "-": "lbk_sub", "*": "lbk_mul", "/": "lbk_div", "%": "lbk_mod"}


def _cpp(node: tuple, resolve: Callable[[str], str]) -> str:
    tag = node[0]
    if tag == "num":
        return "(-2147483647L - 1)" if node[1] == INT32_MIN else f"{node[1]}L"
    if tag == "name":
        return f"({resolve(node[1])})"
    if tag == "call":
        return f"lbk_abs32({_cpp(node[2], resolve)})"
    if tag == "un":
        return f"(!{_cpp(node[2], resolve)})" if node[1] == "not" else f"lbk_neg({_cpp(node[2], resolve)})"
    op = node[1]
    left, right = _cpp(node[2], resolve), _cpp(node[3], resolve)
    if op in _CPP_CALLS:
        return f"{_CPP_CALLS[op]}({left}, {right})"
    return f"({left} {_CPP_OPS.get(op, op)} {right})"
