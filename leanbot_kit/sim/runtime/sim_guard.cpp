// sim_guard.cpp - no Serial output lost when the run ends abruptly.
//
// Serial output waits in a buffer (written out every 50 ms of real time at full speed). When the
// sketch crashes (SIGSEGV, SIGFPE, SIGILL, SIGBUS, SIGABRT), is stopped (SIGTERM, SIGINT, SIGHUP) or
// runs out of CPU time (SIGXCPU) or file size (SIGXFSZ), the handler writes what is buffered — the
// Serial bytes and the trace rows — then ends the process with the same signal, so the Python side
// still sees a crash and its cause. A stack overflow is caught on an alternate stack. In a checking
// build the address sanitizer's own handlers stay in place and its death callback does the writing.
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

#if defined(__SANITIZE_ADDRESS__)
#define LEANBOT_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define LEANBOT_SANITIZED 1
#endif
#endif

namespace sim {

static void write_out_buffers() {
  serial_flush_out_signal_safe();
  trace_flush();
}

static void on_fatal(int sig) {
  write_out_buffers();
  signal(sig, SIG_DFL);
  raise(sig);
}

static void install(int sig) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_fatal;
  sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, nullptr);
}

}  // namespace sim

#ifdef LEANBOT_SANITIZED
extern "C" void __sanitizer_set_death_callback(void (*callback)(void));
static void on_sanitizer_death() { sim::write_out_buffers(); }
#endif

// Before the sketch's own global constructors (default priority 65535).
__attribute__((constructor(101))) static void leanbot_guard_install() {
  static char alt_stack[1 << 16];
  stack_t ss;
  memset(&ss, 0, sizeof ss);
  ss.ss_sp = alt_stack;
  ss.ss_size = sizeof alt_stack;
  sigaltstack(&ss, nullptr);
  // SIGABRT in every build: the undefined-behaviour checker stops the sketch with abort()
  // (UBSAN_OPTIONS=abort_on_error=1, set by the Python side); its own runtime has no death callback.
  for (int sig : {SIGTERM, SIGINT, SIGHUP, SIGXCPU, SIGXFSZ, SIGABRT}) sim::install(sig);
#ifdef LEANBOT_SANITIZED
  __sanitizer_set_death_callback(on_sanitizer_death);
#else
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL}) sim::install(sig);
#endif
}
