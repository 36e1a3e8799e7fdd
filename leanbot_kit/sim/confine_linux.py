"""Linux confinement of the robot process, unprivileged: network namespace, Landlock, seccomp.

Each layer is applied in the child between fork and exec (`subprocess`'s `preexec_fn`), only through
raw system calls (ctypes), and returns whether it took effect; a layer the kernel refuses is skipped.
- network: a new network namespace (only a loopback that is down) — `unshare(CLONE_NEWNET)`, in a new
  user namespace when we are not root. Ubuntu's AppArmor may refuse it to normal users.
- Landlock (kernel ≥ 5.13): no file is written, created, removed or renamed outside the run folder; from
  ABI 4 no TCP bind/connect; from ABI 6 no signal to a process outside and no abstract Unix socket.
- seccomp: no new process (fork, vfork, clone without CLONE_THREAD; clone3 says ENOSYS so the C library
  falls back to clone), no socket, no io_uring, no ptrace or access to other processes' memory, no
  namespace games, no bpf, and signals only to itself.
"""

from __future__ import annotations

import ctypes
import os
import platform
import struct

CLONE_NEWUSER, CLONE_NEWNET, CLONE_THREAD = 0x10000000, 0x40000000, 0x00010000
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
SYS_LANDLOCK = (444, 445, 446)  # create_ruleset, add_rule, restrict_self (same number everywhere)
LANDLOCK_CREATE_RULESET_VERSION = 1
LANDLOCK_RULE_PATH_BENEATH = 1
# WRITE_FILE, REMOVE_DIR, REMOVE_FILE, MAKE_CHAR … MAKE_SYM; REFER (ABI 2); TRUNCATE (ABI 3).
_WRITES_V1 = (1 << 1) | (1 << 4) | (1 << 5) | sum(1 << b for b in range(6, 13))
_WRITES = {1: _WRITES_V1, 2: _WRITES_V1 | 1 << 13}
NET_BIND_CONNECT_TCP = 0b11
SCOPE_ABSTRACT_UNIX_AND_SIGNAL = 0b11

# seccomp: architecture token and the numbers of the system calls a sketch must not make.
_ARCH = {
    "x86_64": (0xC000003E, {"socket": 41, "fork": 57, "vfork": 58, "clone": 56, "ptrace": 101,
                            "kill": 62, "tkill": 200, "tgkill": 234, "rt_sigqueueinfo": 129,
                            "rt_tgsigqueueinfo": 297, "unshare": 272, "setns": 308, "bpf": 321,
                            "process_vm_readv": 310, "process_vm_writev": 311}),
    "aarch64": (0xC00000B7, {"socket": 198, "clone": 220, "ptrace": 117, "kill": 129, "tkill": 130,
                             "tgkill": 131, "rt_sigqueueinfo": 138, "rt_tgsigqueueinfo": 240,
                             "unshare": 97, "setns": 268, "bpf": 280, "process_vm_readv": 270,
                             "process_vm_writev": 271}),
}
_COMMON = {"clone3": 435, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
           "pidfd_open": 434, "pidfd_send_signal": 424, "pidfd_getfd": 438}
_SIGNALS = ("kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo")
RET_ALLOW, RET_KILL_PROCESS = 0x7FFF0000, 0x80000000
RET_EPERM, RET_ENOSYS = 0x00050000 | 1, 0x00050000 | 38
X32_BIT = 0x40000000

_libc = None


def _syscall():
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    return _libc


def landlock_abi() -> int:
    """The Landlock ABI version of this kernel, 0 when there is none."""
    try:
        version = _syscall().syscall(SYS_LANDLOCK[0], None, ctypes.c_size_t(0),
                                     ctypes.c_uint32(LANDLOCK_CREATE_RULESET_VERSION))
    except (OSError, AttributeError):
        return 0
    return max(int(version), 0)


def unshare_network() -> bool:
    """A private network namespace (nothing but a loopback that is down); False when refused."""
    libc = _syscall()
    if os.geteuid() == 0 and libc.unshare(CLONE_NEWNET) == 0:
        return True
    return libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0


def landlock(folder: str, abi: int) -> bool:
    """Writes only beneath `folder`; with ABI ≥ 4 no TCP, with ABI ≥ 6 signals stay inside."""
    if abi <= 0:
        return False
    libc = _syscall()
    writes = _WRITES.get(abi, _WRITES[2] | (1 << 14))
    net = NET_BIND_CONNECT_TCP if abi >= 4 else 0
    scoped = SCOPE_ABSTRACT_UNIX_AND_SIGNAL if abi >= 6 else 0
    attr = struct.pack("<QQQ", writes, net, scoped)[: 8 if abi < 4 else 16 if abi < 6 else 24]
    ruleset = libc.syscall(SYS_LANDLOCK[0], attr, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        return False
    try:
        fd = os.open(folder, os.O_PATH | os.O_CLOEXEC)
        rule = struct.pack("<Qi", writes, fd)
        added = libc.syscall(SYS_LANDLOCK[1], ctypes.c_int(ruleset), ctypes.c_int(
            LANDLOCK_RULE_PATH_BENEATH), rule, ctypes.c_uint32(0))
        os.close(fd)
        if added != 0 or libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        return libc.syscall(SYS_LANDLOCK[2], ctypes.c_int(ruleset), ctypes.c_uint32(0)) == 0
    finally:
        os.close(ruleset)


def seccomp_program(machine: str, pid: int) -> bytes | None:
    """The BPF filter for this architecture (None when unknown); `pid` may still signal itself."""
    if machine not in _ARCH:
        return None
    token, numbers = _ARCH[machine]
    numbers = {**numbers, **_COMMON}
    code: list[tuple[int, int, int, int]] = []
    ld_arch, ld_nr, ld_arg0 = (0x20, 0, 0, 4), (0x20, 0, 0, 0), (0x20, 0, 0, 16)

    def ret(value: int) -> tuple[int, int, int, int]:
        return (0x06, 0, 0, value)

    def jeq(k: int, jt: int, jf: int) -> tuple[int, int, int, int]:
        return (0x15, jt, jf, k)

    code += [ld_arch, jeq(token, 1, 0), ret(RET_KILL_PROCESS), ld_nr]
    if machine == "x86_64":
        code += [(0x35, 0, 1, X32_BIT), ret(RET_EPERM)]  # jge: the x32 ABI numbers
    denied = [n for name, n in numbers.items() if name not in _SIGNALS and name not in ("clone", "clone3")]
    for number in denied:
        code += [jeq(number, 0, 1), ret(RET_EPERM)]
    code += [jeq(numbers["clone3"], 0, 1), ret(RET_ENOSYS)]
    # Signals: only to itself (its pid, its own group: 0 or -pid).
    own = (pid, 0, (-pid) & 0xFFFFFFFF)
    for name in _SIGNALS:
        code += [jeq(numbers[name], 0, 6), ld_arg0, jeq(own[0], 2, 0), jeq(own[1], 1, 0),
                 jeq(own[2], 0, 1), ret(RET_ALLOW), ret(RET_EPERM)]
    # clone: threads (CLONE_THREAD) only.
    code += [jeq(numbers["clone"], 0, 4), ld_arg0, (0x45, 1, 0, CLONE_THREAD), ret(RET_EPERM),
             ret(RET_ALLOW)]
    code.append(ret(RET_ALLOW))
    return b"".join(struct.pack("<HBBI", *instr) for instr in code)


def seccomp(pid: int) -> bool:
    """Install the filter of `seccomp_program` on this process (and everything it executes)."""
    program = seccomp_program(platform.machine(), pid)
    if program is None:
        return False
    libc = _syscall()
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = struct.pack("<HxxxxxxQ", len(program) // 8, ctypes.addressof(buffer))
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog, 0, 0) == 0
