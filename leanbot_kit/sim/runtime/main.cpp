// main.cpp - the simulated robot's reset: load the run config, then setup() once and loop() forever.
#include <stdio.h>

#include "Arduino.h"
#include "sim.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s RUN-CONFIG\n", argv[0]);
    return 2;
  }
  std::string error;
  if (!sim::load_config(argv[1], error)) {
    fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  sim::rng_sketch = sim::cfg.seed * 2 + 1;
  sim::rng_noise = sim::cfg.seed * 2 + 2;
  sim::physics_init();
  sim::trace_open();
  sim::trace_row();
  sim::start_clock();
  setup();
  for (;;) {
    loop();
    sim::cost(1);  // the core's loop overhead (serialEventRun)
  }
}
