// The class dashboard. Every student string is inserted with textContent, never as HTML.
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const token = params.get("token") || "";
  const detailSid = params.get("sid");
  const state = { students: {}, row: [], cls: "", lesson: "", join: "", broker: true, lang: params.get("lang") };
  const series = {};  // sid -> {field: [[t, v], ...]} for the live chart (detail page only)
  const CHART_POINTS = 400;
  let T = {};
  let dirty = true;

  const $ = (id) => document.getElementById(id);
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function fmt(key, vars) {
    return (T[key] || key).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  }
  function link(path, extra) {
    const q = new URLSearchParams({ token: token });
    if (state.lang) q.set("lang", state.lang);
    for (const k in extra || {}) q.set(k, extra[k]);
    return path + "?" + q.toString();
  }

  async function loadText(lang) {
    const r = await fetch("/api/text" + (lang ? "?lang=" + encodeURIComponent(lang) : ""));
    T = await r.json();
    state.lang = T.lang;
    document.documentElement.lang = T.lang;
    $("title").textContent = T.title;
    document.title = T.title;
    $("stop-all").textContent = T.stop_all;
    $("start-all").textContent = T.start_all;
    $("report-html").textContent = T.report;
    $("report-csv").textContent = T.report_csv;
    $("lang").textContent = T.language;
    $("join-label").textContent = T.join;
    $("hint").textContent = T.stuck_first;
    $("back").textContent = T.back;
    $("d-chart-title").textContent = T.chart;
    $("d-stop").textContent = T.stop;
    $("d-start").textContent = T.start;
    $("report-html").href = link("/report.html");
    $("report-csv").href = link("/report.csv");
    $("back").href = link("/");
    dirty = true;
  }

  function connect() {
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(proto + "//" + location.host + "/ws?token=" + encodeURIComponent(token));
    ws.onmessage = (ev) => take(JSON.parse(ev.data));
    ws.onclose = () => { state.broker = false; dirty = true; setTimeout(connect, 1000); };
  }

  function goalLabel(name) {  // a goal's name in the page's language, when the lesson gives both
    const names = state.labels && state.labels[name];
    return (names && names[state.lang]) || name;
  }

  function take(msg) {
    if (msg.type === "snapshot") {
      state.students = {};
      for (const c of msg.students) state.students[c.sid] = c;
      Object.assign(state, { row: msg.row, cls: msg["class"], lesson: msg.lesson, join: msg.join, broker: msg.broker,
                             labels: msg.labels || {} });
    } else if (msg.type === "cards") {
      for (const c of msg.students) state.students[c.sid] = c;
      state.row = msg["class"];
    } else if (msg.type === "t") {  // {sid: [[robot_t, values], ...]} since the last push
      for (const sid in msg.frames) {
        const st = state.students[sid], frames = msg.frames[sid];
        if (st && frames.length) st.latest = frames[frames.length - 1][1];
        if (sid === detailSid) addSeries(sid, frames);
      }
    } else if (msg.type === "broker") {
      state.broker = msg.up;
    } else if (msg.type === "command") {
      const who = msg.sid && state.students[msg.sid] ? " → " + state.students[msg.sid].name : "";
      $("sent").textContent = fmt("sent", { cmd: T[msg.cmd] || msg.cmd, id: msg.id }) + who;
      $("sent").dataset.cmd = msg.cmd;
    }
    dirty = true;
  }

  function addSeries(sid, frames) {
    const s = series[sid] || (series[sid] = {});
    for (const [t, values] of frames) {
      for (const k in values) {
        const a = s[k] || (s[k] = []);
        a.push([t, values[k]]);
        if (a.length > CHART_POINTS) a.shift();
      }
    }
  }

  function sorted() {
    return Object.values(state.students).sort((a, b) =>
      (b.stuck - a.stuck) || a.name.localeCompare(b.name) || a.sid.localeCompare(b.sid));
  }

  function render() {
    if (!dirty) return;
    dirty = false;
    $("class-name").textContent = (T["class"] || "") + ": " + state.cls;
    $("lesson").textContent = (T.lesson || "") + ": " + (state.lesson || "—");
    const n = Object.keys(state.students).length;
    $("count").textContent = n + " " + (T.students || "");
    $("join").textContent = state.join;
    $("broker").textContent = state.broker ? T.broker_up : T.broker_down;
    $("broker").className = "broker " + (state.broker ? "up" : "down");
    if (detailSid) return renderDetail();
    renderRow();
    $("empty").textContent = n ? "" : T.no_students;
    renderCards($("cards"), sorted());
  }

  // Cards keep their element (a click or hover is never lost to a redraw): filled again, moved if needed.
  const cardEls = new Map();
  function renderCards(box, students) {
    const wanted = new Set(students.map((st) => st.sid));
    for (const [sid, c] of cardEls) if (!wanted.has(sid)) { c.remove(); cardEls.delete(sid); }
    students.forEach((st, i) => {
      let c = cardEls.get(st.sid);
      if (!c) {
        c = el("div");
        c.dataset.sid = st.sid;
        c.onclick = () => { location.href = link("/", { sid: st.sid }); };
        cardEls.set(st.sid, c);
      }
      fillCard(c, st);
      if (box.children[i] !== c) box.insertBefore(c, box.children[i] || null);
    });
  }

  function renderRow() {
    const body = $("class-row").tBodies[0];
    body.replaceChildren(...(state.row || []).map((g) => {
      const tr = el("tr");
      tr.dataset.goal = goalLabel(g.name);
      tr.append(el("td", "", goalLabel(g.name)), el("td", "passed-count", fmt("passed_by", { n: g.passed, of: g.of })));
      return tr;
    }));
  }

  function fillCard(c, st) {
    c.className = "card" + (st.stuck ? " stuck" : "");
    c.replaceChildren();
    c.append(el("h3", "name", st.name));
    c.append(el("div", "small", (T.robot || "") + ": " + (st.robot_id || "—") + (st.stuck ? " · " + T.needs_help : "")));
    const linkRow = el("div", "small");
    linkRow.append(el("span", "link link-" + st.link, (T.link || "") + ": " + (T["link_" + st.link] || st.link)));
    linkRow.append(el("span", "", " · " + T.frames + " " + st.frames + " · " + T.corrupt + " " + st.corrupt + " · " + T.lost + " " + st.lost));
    c.append(linkRow);
    c.append(el("div", "step", (T.step || "") + ": " + (st.step === null ? "—" : st.step)));
    const goals = el("ul", "goals");
    for (const g of st.goals) {
      const li = el("li", "goal goal-" + g.state, goalLabel(g.name) + " — " + (T["goal_" + g.state] || g.state));
      li.dataset.goal = goalLabel(g.name);
      li.dataset.state = g.state;
      goals.append(li);
    }
    c.append(goals);
    c.append(sensors(st.latest || {}));
    c.append(el("div", "values", values(st.latest || {}, 4)));
    if (st.path && st.path.length > 1) c.append(pathCanvas(st.path, 240, 120));
    if (st.console && st.console.length) c.append(el("pre", "console", st.console.slice(-3).join("\n")));
    return c;
  }

  function sensors(latest) {
    const box = el("div", "sensors");
    let bits = null;
    if ("line" in latest) bits = [8, 4, 2, 1].map((b) => (latest.line & b) !== 0);
    else if ("ir2" in latest) bits = ["ir2", "ir0", "ir1", "ir3"].map((k) => latest[k] > 300);
    if (!bits) return box;
    box.title = T.line;
    for (const black of bits) box.append(el("span", black ? "black" : "white"));
    return box;
  }

  function values(latest, max) {
    // raw line sensors are already drawn as blocks: other fields first
    const keys = Object.keys(latest).filter((k) => k !== "t_ms" && k !== "line");
    const raw = (k) => /^ir\d$/.test(k);
    return keys.filter((k) => !raw(k)).concat(keys.filter(raw)).slice(0, max)
      .map((k) => k + "=" + latest[k]).join("  ");
  }

  function pathCanvas(points, w, h) {
    const cv = el("canvas", "path");
    cv.width = w; cv.height = h;
    const ctx = cv.getContext("2d");
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const k = Math.min((w - 10) / Math.max(1, x1 - x0), (h - 10) / Math.max(1, y1 - y0));
    ctx.strokeStyle = "#1565c0"; ctx.beginPath();
    points.forEach((p, i) => {
      const x = 5 + (p[0] - x0) * k, y = h - 5 - (p[1] - y0) * k;
      if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    });
    ctx.stroke();
    return cv;
  }

  function renderDetail() {
    $("class-view").hidden = true;
    $("detail-view").hidden = false;
    const st = state.students[detailSid];
    if (!st) return;
    $("d-name").textContent = st.name;
    const box = $("d-card");
    const c = box.firstChild || box.appendChild(el("div"));
    fillCard(c, st);
    drawChart(series[detailSid] || {});
  }

  const COLOURS = ["#1565c0", "#c62828", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037", "#455a64"];
  function drawChart(s) {
    const cv = $("chart"), ctx = cv.getContext("2d");
    ctx.clearRect(0, 0, cv.width, cv.height);
    const names = Object.keys(s).filter((k) => k !== "line").slice(0, COLOURS.length);
    const legend = $("legend");
    legend.replaceChildren();
    names.forEach((name, i) => {
      const pts = s[name];
      if (!pts.length) return;
      const t0 = pts[0][0], t1 = pts[pts.length - 1][0];
      let lo = Math.min(...pts.map((p) => p[1])), hi = Math.max(...pts.map((p) => p[1]));
      if (hi === lo) { hi += 1; lo -= 1; }
      ctx.strokeStyle = COLOURS[i]; ctx.beginPath();
      pts.forEach((p, j) => {
        const x = 5 + (cv.width - 10) * (p[0] - t0) / Math.max(1, t1 - t0);
        const y = cv.height - 5 - (cv.height - 10) * (p[1] - lo) / (hi - lo);
        if (j) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      });
      ctx.stroke();
      const tag = el("span", "", name + " " + pts[pts.length - 1][1] + " [" + lo + "…" + hi + "]");
      tag.style.color = COLOURS[i];
      legend.append(tag);
    });
  }

  async function command(cmd, sid) {
    const body = sid ? { cmd: cmd, sid: sid } : { cmd: cmd };
    const r = await fetch("/api/command", {
      method: "POST", headers: { "Content-Type": "application/json", "X-Teacher-Token": token },
      body: JSON.stringify(body),
    });
    if (!r.ok) $("sent").textContent = T.no_token;
  }

  async function main() {
    await loadText(state.lang);
    $("stop-all").onclick = () => command("stop");
    $("start-all").onclick = () => command("start");
    $("d-stop").onclick = () => command("stop", detailSid);
    $("d-start").onclick = () => command("start", detailSid);
    $("lang").onclick = () => loadText(state.lang === "vi" ? "en" : "vi");
    const probe = await fetch("/api/state?token=" + encodeURIComponent(token));
    if (!probe.ok) {
      $("problem").hidden = false;
      $("problem").textContent = T.no_token;
      $("controls").hidden = true;
      return;
    }
    take(await probe.json());
    connect();
    setInterval(render, 200);
    render();
  }
  main();
})();
