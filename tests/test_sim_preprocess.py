"""The .ino preprocessor: prototypes, default arguments, #line, tabs — checked by compiling."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leanbot_kit.sim.preprocess import preprocess_sketch
from tests.sim_fixtures import needs_cxx, write_sketch

STUB = "#pragma once\nvoid delay(unsigned long);\nvoid setup();\nvoid loop();\n"

TRICKY = r"""// braces in comments { are not code }
/* nor "strings" { in block comments */
#define SQUARE(x) ((x) * \
  (x))
struct Point { int x; int y; };
const char *msg = "}{ not a brace";
char c = '{';

void setup() {
  blink(2);
  blink();
  Point p = {1, 2};
  show(p);
  unsigned long t = later(5);
  int &r = ref();
  (void)t; (void)r;
  helper();
  const char *s = name();
  (void)s;
}

void loop() {
  if (checkIt(3, "a}b")) { delay(1); }
}

void blink(int times = 3,
           int ms = 100) {   // multi-line signature with defaults
  for (int i = 0; i < times; i++) { delay(ms); }
}

void show(const Point &p) { (void)p; }

unsigned long later(unsigned long s) { return s * 1000UL; }

int gv = 0;
int &ref() { return gv; }

static inline void helper(void) {}

const char *name() { return "x"; }

bool checkIt(int v, const char *label = "{") { return v > 0 && label; }
"""


def compile_cpp(tmp_path: Path, source: str) -> subprocess.CompletedProcess:
    (tmp_path / "Arduino.h").write_text(STUB)
    cpp = tmp_path / "out.cpp"
    cpp.write_text(source)
    return subprocess.run(["c++", "-std=gnu++17", "-fsyntax-only", f"-I{tmp_path}", str(cpp)],
                          capture_output=True, text=True)


@needs_cxx
def test_tricky_sketch_compiles_after_preprocessing(tmp_path):
    write_sketch(tmp_path / "tricky", TRICKY)
    done = compile_cpp(tmp_path, preprocess_sketch(tmp_path / "tricky"))
    assert done.returncode == 0, done.stderr


def test_prototypes_keep_defaults_and_definitions_lose_them(tmp_path):
    write_sketch(tmp_path / "tricky", TRICKY)
    out = preprocess_sketch(tmp_path / "tricky")
    assert "void blink(int times = 3, int ms = 100);" in out
    assert 'bool checkIt(int v, const char *label = "{");' in out
    assert "unsigned long later(unsigned long s);" in out
    assert "int &ref();" in out
    assert "static inline void helper(void);" in out
    assert "const char *name();" in out
    assert out.count("= 100") == 1  # only in the prototype


def test_arduino_h_first_and_struct_prototype_after_the_struct(tmp_path):
    write_sketch(tmp_path / "tricky", TRICKY)
    out = preprocess_sketch(tmp_path / "tricky")
    assert out.startswith("#include <Arduino.h>\n")
    assert out.index("struct Point") < out.index("void show(const Point &p);")


def test_no_prototype_for_functions_defined_before_use(tmp_path):
    write_sketch(tmp_path / "s", "int twice(int x) { return 2 * x; }\nvoid setup() { twice(2); }\n"
                                 "void loop() {}\n")
    out = preprocess_sketch(tmp_path / "s")
    assert out.count("int twice(int x)") == 1


@needs_cxx
def test_struct_defined_after_first_function(tmp_path):
    sketch = ("void setup() {}\nstruct Late { int v; };\nvoid loop() { use(Late{1}); }\n"
              "void use(Late l) { (void)l; }\n")
    write_sketch(tmp_path / "late", sketch)
    out = preprocess_sketch(tmp_path / "late")
    assert out.index("struct Late") < out.index("void use(Late l);")
    assert compile_cpp(tmp_path, out).returncode == 0


@needs_cxx
def test_compile_error_names_the_ino_file_and_line(tmp_path):
    write_sketch(tmp_path / "broken", "void setup() {\n  blink();\n}\n\nvoid loop() {\n  nosuch(1);\n}\n"
                                      "void blink() {}\n")
    done = compile_cpp(tmp_path, preprocess_sketch(tmp_path / "broken"))
    assert done.returncode != 0
    assert f"{tmp_path / 'broken' / 'broken.ino'}:6:" in done.stderr


@needs_cxx
def test_tabs_concatenated_main_first_with_their_own_line_numbers(tmp_path):
    write_sketch(tmp_path / "multi", "void setup() { fromTab(); }\nvoid loop() {}\n")
    (tmp_path / "multi" / "a_tab.ino").write_text("// tab\nint fromTab() { return other(); }\n"
                                                  "int other() { return oops; }\n")
    out = preprocess_sketch(tmp_path / "multi")
    assert out.index("multi.ino") < out.index("a_tab.ino")
    done = compile_cpp(tmp_path, out)
    assert f"{tmp_path / 'multi' / 'a_tab.ino'}:3:" in done.stderr


def test_raw_strings_and_char_braces_do_not_confuse_the_scanner(tmp_path):
    sketch = ('const char *r = R"x(} { )x";\nchar open_ = \'{\';\nvoid setup() { f(); }\n'
              "void loop() {}\nvoid f() {}\n")
    write_sketch(tmp_path / "raw", sketch)
    assert "void f();" in preprocess_sketch(tmp_path / "raw")


def test_class_members_and_isr_macros_get_no_prototype(tmp_path):
    sketch = ("class A {\n public:\n  int get() { return 1; }\n};\nint A_get();\n"
              "ISR(TIMER1_vect) { }\nvoid setup() {}\nvoid loop() {}\n")
    write_sketch(tmp_path / "cls", sketch)
    out = preprocess_sketch(tmp_path / "cls")
    assert "int get();" not in out
    assert "ISR(TIMER1_vect);" not in out


@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_line_endings(tmp_path, ending):
    body = ending.join(["void setup() { g(); }", "void loop() {}", "void g() {}", ""])
    write_sketch(tmp_path / "eol", body)
    assert "void g();" in preprocess_sketch(tmp_path / "eol")


FUNCS = {
    "a": ("int a(int x = 1)", "{ return x; }"),
    "b": ("unsigned long b(unsigned long t)", "{ return t * 2UL; }"),
    "c": ("static const char *c()", '{ return "}{"; }'),
    "d": ("void d(const Pt &p, int n = 2)", "{ (void)p; (void)n; }"),
    "e": ("int &e()", "{ static int v; return v; }"),
}
CALLS = {"a": "a();", "b": "b(3);", "c": "c();", "d": "d(Pt{1});", "e": "e() = 1;"}


@needs_cxx
@settings(max_examples=10, deadline=None)
@given(order=st.permutations(list(FUNCS)), split=st.integers(0, 5), multi_line=st.booleans())
def test_any_order_of_definitions_compiles(tmp_path_factory, order, split, multi_line):
    """Whatever order the functions are defined in, around setup(), the sketch compiles."""
    folder = tmp_path_factory.mktemp("perm") / "perm"
    parts = ["struct Pt { int x; };"]
    joiner = ",\n  " if multi_line else ", "
    defs = [f"{FUNCS[n][0].replace(', ', joiner)} {FUNCS[n][1]}" for n in order]
    calls = " ".join(CALLS[n] for n in order)
    parts += defs[:split] + [f"void setup() {{ {calls} }}", "void loop() {}"] + defs[split:]
    write_sketch(folder, "\n".join(parts) + "\n")
    done = compile_cpp(folder.parent, preprocess_sketch(folder))
    assert done.returncode == 0, done.stderr


@needs_cxx
def test_function_used_only_through_a_macro_gets_a_prototype(tmp_path):
    write_sketch(tmp_path / "macro", "#define GO(n) go(n)\nvoid setup() { GO(2); }\nvoid loop() {}\n"
                                     "void go(int n) { (void)n; }\n")
    out = preprocess_sketch(tmp_path / "macro")
    assert "void go(int n);" in out
    assert compile_cpp(tmp_path, out).returncode == 0
