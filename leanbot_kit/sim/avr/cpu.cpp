// ATmega328P emulator: the public interface (avr.h) over the Core.
#include <cstdio>
#include <cstring>

#include "avr_core.h"

namespace avr {

std::string parse_hex(const std::string& text, std::vector<uint8_t>& image, uint32_t& end);
bool read_text_file(const std::string& path, std::string& text);

std::string Fault::text() const {
  char buf[160];
  switch (kind) {
    case FaultKind::None: return "no fault";
    case FaultKind::IllegalOpcode:
      std::snprintf(buf, sizeof buf, "illegal opcode 0x%04x at pc 0x%04x", (unsigned)address, (unsigned)pc);
      break;
    case FaultKind::PcOutsideProgram:
      std::snprintf(buf, sizeof buf, "execution left the program: pc 0x%04x", (unsigned)pc);
      break;
    case FaultKind::DataPastRam:
      std::snprintf(buf, sizeof buf, "data access past RAM end at 0x%04x (pc 0x%04x)", (unsigned)address,
                    (unsigned)pc);
      break;
    case FaultKind::StackOverflow:
      std::snprintf(buf, sizeof buf, "stack overflow: sp 0x%04x below 0x%04x (pc 0x%04x)", (unsigned)sp,
                    (unsigned)address, (unsigned)pc);
      break;
  }
  return buf;
}

Cpu::Cpu() : core_(new Core(*this)) {}
Cpu::~Cpu() = default;

static void install(Core& c, const std::vector<uint8_t>& image, uint32_t end) {
  for (uint32_t i = 0; i < kFlashWords; i++) c.flash[i] = (uint16_t)(image[2 * i] | (image[2 * i + 1] << 8));
  c.program_words = (end + 1) / 2;
  c.redecode();
  c.reset();
}

bool Cpu::load_hex(const std::string& text, std::string& error) {
  std::vector<uint8_t> image;
  uint32_t end = 0;
  error = parse_hex(text, image, end);
  if (!error.empty()) {
    install(*core_, std::vector<uint8_t>(kFlashBytes, 0xFF), 0);
    return false;
  }
  install(*core_, image, end);
  return true;
}

bool Cpu::load_hex_file(const std::string& path, std::string& error) {
  std::string text;
  if (!read_text_file(path, text)) {
    error = "cannot read " + path;
    return false;
  }
  return load_hex(text, error);
}

bool Cpu::load_binary(const uint8_t* bytes, size_t size, uint32_t address, std::string& error) {
  if (address > kFlashBytes || size > kFlashBytes - address) {
    error = "the program does not fit in the 32 KB flash";
    return false;
  }
  std::vector<uint8_t> image(kFlashBytes, 0xFF);
  for (uint32_t i = 0; i < core_->program_words * 2; i++) image[i] = (uint8_t)(core_->flash[i / 2] >> (8 * (i & 1)));
  std::memcpy(image.data() + address, bytes, size);
  uint32_t end = std::max<uint32_t>(core_->program_words * 2, address + (uint32_t)size);
  install(*core_, image, end);
  return true;
}

uint32_t Cpu::program_end() const { return core_->program_words * 2; }
void Cpu::reset() { core_->reset(); }
uint64_t Cpu::cycles() const { return core_->cycles; }
Stop Cpu::run(uint64_t limit) { return core_->run(limit); }
void Cpu::request_stop() { core_->stop(Stop::Requested); }
const Fault& Cpu::fault() const { return core_->fault; }
bool Cpu::sleeping() const { return core_->sleeping; }

void Cpu::skip_to(uint64_t cycle) {
  Core& c = *core_;
  if (cycle <= c.cycles) return;
  c.skip_target = cycle;
  c.skip_pending = true;
  c.block_end = 0;
}

void Cpu::add_cycles(uint32_t n) { core_->cycles += n; }

void Cpu::set_loop_skip(bool on) {
  if (core_->loop_skip == on) return;
  core_->loop_skip = on;
  core_->redecode();
}
uint64_t Cpu::loop_skipped_cycles() const { return core_->loop_skipped; }

bool Cpu::set_io_handler(uint16_t first, uint16_t last, IoRead read, IoWrite write) {
  if (first < 0xC7 || last > 0xFF || first > last) return false;
  core_->io_ranges.push_back(IoRange{first, last, std::move(read), std::move(write)});
  core_->init_io_map();
  return true;
}

bool Cpu::set_mailbox(uint16_t in_address, uint16_t out_address) {
  Core& c = *core_;
  auto reserved = [&c](uint16_t a) {
    if (a < 0xC7 || a > 0xFF) return false;
    for (const auto& r : c.io_ranges)
      if (a >= r.first && a <= r.last) return false;
    return true;
  };
  if (in_address == out_address || !reserved(in_address) || !reserved(out_address)) return false;
  c.mailbox = Mailbox{};
  c.mailbox.in_addr = in_address;
  c.mailbox.out_addr = out_address;  // served in the interpreter's data access (execute.cpp RD/WR)
  return true;
}

size_t Cpu::mailbox_in(const uint8_t** bytes) const {
  *bytes = core_->mailbox.in;
  return core_->mailbox.in_n;
}
void Cpu::clear_mailbox_in() { core_->mailbox.in_n = 0; }

void Cpu::give_mailbox(const uint8_t* bytes, size_t n) {
  Mailbox& m = core_->mailbox;
  m.out_n = n < kMailboxBytes ? n : kMailboxBytes;
  for (size_t i = 0; i < m.out_n; i++) m.out[i] = bytes[i];
  m.out_pos = 0;
}

void Cpu::set_pc_hook(uint32_t word_address, PcHook hook) {
  Core& c = *core_;
  if (word_address >= kFlashWords) return;
  auto it = c.hooks.find(word_address);
  if (it != c.hooks.end()) {
    it->second.first = std::move(hook);
    return;
  }
  c.hooks[word_address] = {std::move(hook), c.code[word_address]};
  c.code[word_address].op = OP_HOOK;
  c.code_changed = true;
}

void Cpu::clear_pc_hook(uint32_t word_address) {
  Core& c = *core_;
  auto it = c.hooks.find(word_address);
  if (it == c.hooks.end()) return;
  c.code[word_address] = it->second.second;
  c.code_changed = true;
  c.hooks.erase(it);
}

void Cpu::set_pc(uint32_t word_address) { core_->pc = word_address & (kFlashWords - 1); }

void Cpu::do_ret() {
  Core& c = *core_;
  if (c.sp + 2 > kRamEnd) {
    c.raise_fault(FaultKind::DataPastRam, c.pc, c.sp + 2u);
    return;
  }
  uint32_t hi = c.data[c.sp + 1], lo = c.data[c.sp + 2];
  c.sp += 2;
  c.pc = ((hi << 8) | lo) & (kFlashWords - 1);
}

void Cpu::on_uart_tx(UartTx callback) { core_->usart.on_tx = std::move(callback); }
bool Cpu::uart_rx(uint8_t byte) {
  if (core_->usart.rx_queue.size() >= kRxQueueMax) return false;
  core_->usart.queue(*core_, byte);
  return true;
}
size_t Cpu::uart_rx_queued() const { return core_->usart.rx_queue.size(); }
void Cpu::set_stack_guard(uint16_t address) { core_->guard = address; }
uint16_t Cpu::stack_guard() const { return core_->guard; }

void Cpu::watch_heap_end(uint16_t variable_address) {
  core_->heap_var = variable_address >= kSramStart && variable_address < kRamEnd ? variable_address : 0;
}
void Cpu::on_port_write(PortWrite callback) { core_->gpio.on_write = std::move(callback); }

static int port_number(char port) {
  switch (port) {
    case 'B': case 'b': return 0;
    case 'C': case 'c': return 1;
    case 'D': case 'd': return 2;
    default: return -1;
  }
}

void Cpu::set_pin_input(char port, int bit, int level) {
  int i = port_number(port);
  if (i < 0 || bit < 0 || bit > 7) return;
  core_->gpio.set_input(*core_, i, bit, level);
}

void Cpu::set_adc(int channel, uint16_t value) {
  if (channel >= 0 && channel < 16) core_->adc.value[channel] = value & 0x3FF;
}

uint8_t Cpu::reg(int index) const { return core_->data[index & 31]; }
void Cpu::set_reg(int index, uint8_t value) { core_->data[index & 31] = value; }
uint8_t Cpu::sreg() const { return core_->sreg; }
void Cpu::set_sreg(uint8_t value) { core_->sreg = value; }
uint16_t Cpu::sp() const { return core_->sp; }
void Cpu::set_sp(uint16_t value) { core_->sp = value; }
uint32_t Cpu::pc() const { return core_->pc; }

uint8_t Cpu::peek(uint16_t address) const {
  const Core& c = *core_;
  if (address > kRamEnd) return 0;
  if (address == 0x5D) return c.sp & 0xFF;
  if (address == 0x5E) return c.sp >> 8;
  if (address == 0x5F) return c.sreg;
  return c.data[address];
}

bool Cpu::poke(uint16_t address, uint8_t value) {
  if (address > kRamEnd || (address >= 0x20 && address < kSramStart)) return false;
  core_->data[address] = value;
  return true;
}

uint16_t Cpu::flash_word(uint32_t word_address) const {
  return word_address < kFlashWords ? core_->flash[word_address] : 0xFFFF;
}

std::vector<uint8_t> Cpu::eeprom() const {
  return std::vector<uint8_t>(core_->eeprom.mem, core_->eeprom.mem + kEepromBytes);
}

void Cpu::load_eeprom(const std::vector<uint8_t>& image) {
  core_->eeprom.erase();
  std::memcpy(core_->eeprom.mem, image.data(), std::min<size_t>(image.size(), kEepromBytes));
}

uint8_t Cpu::port_value(char port) const {
  int i = port_number(port);
  return i < 0 ? 0 : core_->data[0x25 + 3 * i];
}

uint8_t Cpu::ddr_value(char port) const {
  int i = port_number(port);
  return i < 0 ? 0 : core_->data[0x24 + 3 * i];
}

}  // namespace avr
