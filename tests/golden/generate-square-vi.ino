// Vũ điệu hình vuông
// Bài học square · lớp 6-9 · 45 phút
// tạo bởi leanbot-kit — hãy sửa bài học, đừng sửa tệp này
//
// Robot đi một hình vuông.
//
// Mục tiêu:
//   - Dùng vòng lặp

#include <Leanbot.h>
#include "lbk_runtime.h"

// Các biến của bài học
int32_t lbk_var_sides = 0;

// Dữ liệu đo: mỗi giây robot gửi các giá trị này 20 lần (docs/protocol.md).
long lbk_sample(uint8_t i) {
  switch (i) {
    case 0: return LbMotion.getDistanceMm();  // dist_mm
    case 1: return LbMotion.getRotationDeg();  // rot_deg
    case 2: return lbk_var_sides;  // sides
    default: return 0;
  }
}

// Các bước của bài học, theo thứ tự.
void run_lesson() {
  // Bước 1: đèn LED màu xanh lá
  lbk_step(1);
  LbRGB.fillColor(CRGB::Green);
  LbRGB.show();

  // Bước 2: lặp lại 4 lần
  // Bốn cạnh
  lbk_step(2);
  for (long repeat_2 = 0; repeat_2 < 4; repeat_2++) {
    // Bước 3: tiến 200 mm, tốc độ 1200 bước/giây
    lbk_step(3);
    {
      long start_mm = LbMotion.getDistanceMm();
      lbk_run(1200, 1200);
      while (lbk_abs(LbMotion.getDistanceMm() - start_mm) < 190) lbk_tick();
      lbk_run(300, 300);  // đi chậm 10mm cuối cùng để robot dừng đúng chỗ
      while (lbk_abs(LbMotion.getDistanceMm() - start_mm) < 200) lbk_tick();
      lbk_stop();
    }
    // Bước 4: rẽ phải 90°, tốc độ 800 bước/giây
    lbk_step(4);
    {
      long start_deg = LbMotion.getRotationDeg();
      lbk_run(800, -800);
      while (lbk_abs(LbMotion.getRotationDeg() - start_deg) < 80) lbk_tick();
      lbk_run(300, -300);  // đi chậm 10° cuối cùng để robot dừng đúng chỗ
      while (lbk_abs(LbMotion.getRotationDeg() - start_deg) < 90) lbk_tick();
      lbk_stop();
    }
    // Bước 5: gán sides = sides + 1
    lbk_step(5);
    lbk_var_sides = lbk_add((lbk_var_sides), 1L);
  }

  // Bước 6: nếu sides == 4
  lbk_step(6);
  if ((lbk_var_sides) == 4L) {
    // Bước 7: còi kêu 880 Hz trong 200 ms
    lbk_step(7);
    Leanbot.tone(880, 200);
    lbk_wait(200);
  } else {
    // ngược lại (bước 6)
    // Bước 8: in một dòng chữ ra cổng Serial
    lbk_step(8);
    Serial.println(F("Something went wrong"));
  }

  // Bước 9: kết thúc nhiệm vụ
  lbk_step(9);
  lbk_end();
}

void setup() {
  Leanbot.begin();
  lbk_begin(F("square"), 50, F("dist_mm,rot_deg,sides"), 3);
  // Bắt đầu: chờ chạm vào TB1A + TB1B (hoặc máy tính gửi ?start), rồi đếm ngược 3-2-1
  lbk_mission_begin(TB1A | TB1B);
  lbk_start();
  run_lesson();
  lbk_end();
}

void loop() {
  lbk_tick();  // không bao giờ tới đây: lbk_end() đã dừng hẳn chương trình
}
