/* Dashboard charts: data comes from the page (json_script), ECharts is served locally. Large fonts so the
   charts stay readable on a projector. */
(function () {
  "use strict";
  var sources = {};
  function dataFor(el) {
    var id = el.dataset.source || "chart-data";
    if (!sources[id]) {
      var node = document.getElementById(id);
      sources[id] = node ? JSON.parse(node.textContent) : {};
    }
    return sources[id][el.dataset.chart];
  }
  var FONT = 16;
  var base = {
    textStyle: { fontSize: FONT },
    // richText: the tooltip is drawn on the canvas; the HTML tooltip writes style attributes, which the
    // Content-Security-Policy refuses.
    tooltip: { trigger: "item", renderMode: "richText", textStyle: { fontSize: FONT } },
    legend: { top: 0, textStyle: { fontSize: FONT } },
    grid: { left: 16, right: 24, top: 48, bottom: 16, containLabel: true }
  };
  // The label texts, their rotation and how many to skip are laid out on the server (charts.label_layout),
  // so that no two labels overlap; the full category name stays in the tooltip.
  function axisLabel(c) {
    var layout = c.labels || { texts: c.categories, rotate: 0, interval: 0 };
    return { fontSize: FONT, interval: layout.interval, rotate: layout.rotate, hideOverlap: false,
      formatter: function (value, index) { return layout.texts[index] !== undefined ? layout.texts[index] : value; } };
  }
  // Counts get whole-number ticks (charts.count_axis): never 0.5 of an enterprise. A name too long to stand
  // above the axis is turned along it, beyond the tick labels (charts.axis_name_layout).
  function valueAxis(c, which, name) {
    var axis = { type: "value", name: (name || "").trim(), nameTextStyle: { fontSize: FONT }, axisLabel: { fontSize: FONT } };
    var counts = c["axis" + which];
    if (counts) {
      axis.min = counts.min; axis.max = counts.max; axis.interval = counts.interval; axis.minInterval = 1;
    }
    var turned = (c.names || [])[which];
    if (turned) { axis.nameLocation = "middle"; axis.nameGap = turned.gap; }
    return axis;
  }
  // The room a turned axis name takes beside the grid, on the left (axis 0) or the right (axis 1).
  function roomFor(c, which) {
    var turned = (c.names || [])[which];
    return turned ? turned.room : 0;
  }
  function option(c) {
    var o = Object.assign({}, base);
    if (c.kind === "funnel") {
      o.series = [{ type: "funnel", sort: "descending", left: "10%", width: "80%", minSize: "10%",
        label: { show: true, position: "inside", fontSize: FONT, formatter: "{b}" + c.separator + "{c}" + (c.unit || "") },
        data: c.series[0].data }];
      return o;
    }
    if (c.kind === "pie") {
      o.series = [{ type: "pie", radius: ["35%", "70%"], label: { fontSize: FONT, formatter: "{b}" + c.separator + "{c}" },
        data: c.series[0].data }];
      return o;
    }
    var horizontal = c.kind === "hbar";
    var cat = { type: "category", data: c.categories, axisLabel: axisLabel(c) };
    var val = valueAxis(c, 0, c.unit);
    o.tooltip = { trigger: "axis", renderMode: "richText", textStyle: { fontSize: FONT } };
    if (horizontal && val.name) {
      // Beside horizontal bars the unit goes under the axis: at its end it would be cut off by the edge.
      val.nameLocation = "middle"; val.nameGap = FONT * 2;
      o.grid = Object.assign({}, base.grid, { bottom: base.grid.bottom + FONT * 2 });
    }
    o.xAxis = horizontal ? val : cat;
    o.yAxis = horizontal ? cat : val;
    var second = c.series.some(function (s) { return s.axis === 1; });
    if (second && !horizontal) {
      var right = valueAxis(c, 1, c.unit2);
      right.splitLine = { show: false };
      o.yAxis = [val, right];
    }
    if (!horizontal) {
      o.grid = Object.assign({}, base.grid, { left: base.grid.left + roomFor(c, 0), right: base.grid.right + roomFor(c, 1) });
    }
    o.series = c.series.map(function (s) {
      var out = { name: s.name, type: c.kind === "line" ? "line" : "bar", data: s.data,
        label: { show: c.kind !== "line", position: horizontal ? "right" : "top", fontSize: FONT } };
      if (s.stack) { out.stack = s.stack; }
      if (s.axis === 1 && second) { out.yAxisIndex = 1; }
      if (s.dashed) { out.lineStyle = { type: "dashed" }; out.symbol = "none"; }
      return out;
    });
    return o;
  }
  function renderAll() {
    document.querySelectorAll(".echart:not([data-rendered])").forEach(function (el) {
      var c = dataFor(el);
      if (!c || typeof echarts === "undefined") { return; }
      el.dataset.rendered = "1";
      var chart = echarts.init(el);
      chart.setOption(option(c));
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  // On a page section loaded as a fragment, this script may run before ECharts: then load ECharts (the
  // local copy named by data-echarts) and draw once it is there.
  var me = document.currentScript;
  if (typeof echarts === "undefined" && me && me.dataset.echarts) {
    var lib = document.createElement("script");
    lib.src = me.dataset.echarts;
    lib.onload = renderAll;
    document.head.appendChild(lib);
  } else {
    renderAll();
  }
}());
