
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var FONT = getComputedStyle(document.documentElement).getPropertyValue("--kg-font").trim() || "sans-serif";
  var container = document.getElementById("kg-network");
  var byId = new Map();
  var outAdj = new Map(), inAdj = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); outAdj.set(n.id, []); inAdj.set(n.id, []); });
  data.edges.forEach(function (e) {
    if (outAdj.has(e.from)) outAdj.get(e.from).push(e);
    if (inAdj.has(e.to)) inAdj.get(e.to).push(e);
  });
  var typeNames = {};
  data.types.forEach(function (t) { typeNames[t.type] = t.name; });

  // ---- filters: node types and topic neighbourhood ----
  var enabled = {};
  data.types.forEach(function (t) { enabled[t.type] = true; });
  var topicKeep = null;
  function nodeVisible(n) {
    return !!n && enabled[n.kgType] !== false && (topicKeep === null || topicKeep.has(n.id));
  }
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodesView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgesView = new vis.DataView(edges, {
    filter: function (e) { return nodeVisible(byId.get(e.from)) && nodeVisible(byId.get(e.to)); }
  });

  function topicNeighbourhood(topicId) {
    var keep = new Set([topicId]);
    inAdj.get(topicId).forEach(function (e) { keep.add(e.from); });   // claims about it, who discusses it
    outAdj.get(topicId).forEach(function (e) { keep.add(e.to); });
    Array.from(keep).forEach(function (id) {                          // speakers of those claims
      if (byId.get(id).kgType === "claim") {
        inAdj.get(id).forEach(function (e) { if (e.kgType === "said") keep.add(e.from); });
      }
    });
    Array.from(keep).forEach(function (id) {                          // their firms
      outAdj.get(id).forEach(function (e) {
        if (e.kgType === "affiliated_with" || e.kgType === "part_of") keep.add(e.to);
      });
    });
    return keep;
  }

  var L = data.layout;
  var options = {
    autoResize: true,
    layout: { improvedLayout: L.improvedLayout, randomSeed: 7 },
    nodes: {
      font: { face: FONT, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: 8, max: 40, label: { enabled: false } },
      borderWidth: 1
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      font: { face: FONT, size: 11, color: "#2b4f7a", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      smooth: L.smooth ? { enabled: true, type: "continuous", roundness: 0.3 } : false,
      selectionWidth: 2
    },
    physics: {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.01, springLength: 110,
                          springConstant: 0.08, damping: 0.5, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: L.iterations, updateInterval: 25, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: L.hideEdgesOnDrag, multiselect: false }
  };
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  window.kgNetwork = network;
  window.kgData = data;

  function renderedCount() {
    return (network.body && network.body.nodeIndices) ? network.body.nodeIndices.length : nodesView.length;
  }
  window.kgNodeCount = renderedCount;
  window.kgEdgeCount = function () {
    return (network.body && network.body.edgeIndices) ? network.body.edgeIndices.length : edgesView.length;
  };
  function updateCounts() {
    container.setAttribute("data-node-count", String(renderedCount()));
    container.setAttribute("data-edge-count", String(window.kgEdgeCount()));
  }

  var progress = document.getElementById("kg-progress");
  function ready() {
    network.setOptions({ physics: { enabled: false } });
    progress.hidden = true;
    updateCounts();
    container.setAttribute("data-ready", "true");
  }
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "布局计算中… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", ready);
  if (data.nodes.length === 0) { ready(); }
  updateCounts();

  function refresh(fit) {
    nodesView.refresh();
    edgesView.refresh();
    updateCounts();
    if (fit) network.fit({ animation: { duration: 300 } });
  }

  // ---- legend + type checkboxes ----
  var typeBox = document.getElementById("kg-types");
  var checkboxes = {};
  data.types.forEach(function (t) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { enabled[t.type] = box.checked; refresh(false); });
    var swatch = document.createElement("span");
    swatch.className = "kg-swatch";
    swatch.style.color = t.color;
    swatch.textContent = t.symbol;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(t.name + " (" + t.count + ")"));
    typeBox.appendChild(label);
    checkboxes[t.type] = box;
  });
  var edgeLegend = document.getElementById("kg-edge-legend");
  data.edgeTypes.forEach(function (t) {
    var item = document.createElement("span");
    var line = document.createElement("span");
    line.style.color = t.color;
    line.textContent = "━ ";
    item.appendChild(line);
    item.appendChild(document.createTextNode(t.name));
    edgeLegend.appendChild(item);
  });

  // ---- topic dropdown ----
  var topicSelect = document.getElementById("kg-topic");
  data.topics.forEach(function (t) {
    var opt = document.createElement("option");
    opt.value = t.id;
    opt.textContent = t.label + (t.mentions ? " (" + t.mentions + ")" : "");
    topicSelect.appendChild(opt);
  });
  function setTopic(topicId) {
    topicSelect.value = topicId || "";
    topicKeep = topicId && byId.has(topicId) ? topicNeighbourhood(topicId) : null;
    refresh(true);
  }
  topicSelect.addEventListener("change", function () { setTopic(topicSelect.value); });
  window.kgSetTopic = setTopic;

  // ---- pruning notice ----
  var notice = document.getElementById("kg-notice");
  if (data.pruned) {
    var p = data.pruned;
    notice.textContent = "图中共有 " + p.totalNodes + " 个节点、" + p.totalEdges + " 条边；为保持页面流畅，" +
      "这里只显示连接最多的 " + p.shownNodes + " 个节点和 " + p.shownEdges + " 条边（省略了 " +
      p.droppedNodes + " 个节点、" + p.droppedEdges + " 条边）。";
    notice.hidden = false;
  }

  // ---- side panel ----
  var panel = document.getElementById("kg-panel");
  var panelTitle = document.getElementById("kg-panel-title");
  var panelMeta = document.getElementById("kg-panel-meta");
  var claimsHeading = document.getElementById("kg-claims-heading");
  var claimsList = document.getElementById("kg-claims");
  function addMeta(text) {
    if (!text) return;
    var p = document.createElement("p");
    p.className = "kg-meta";
    p.textContent = text;
    panelMeta.appendChild(p);
  }
  function showPanel(id) {
    var n = byId.get(id);
    if (!n) return;
    panelTitle.textContent = n.kgLabel;
    panelMeta.textContent = "";
    addMeta(typeNames[n.kgType] || n.kgType);
    if (n.kgType === "person") {
      var affs = outAdj.get(id).filter(function (e) { return e.kgType === "affiliated_with"; });
      if (affs.length) {
        affs.forEach(function (e) {
          var org = byId.get(e.to);
          addMeta((org ? org.kgLabel : e.to) + (e.label ? " " + e.label : ""));
        });
      } else {
        addMeta(n.kgTitle ? "职务：" + n.kgTitle : "");
        addMeta(n.kgOrgs ? "机构：" + n.kgOrgs : "");
      }
    }
    if (n.kgAliases) addMeta("别名：" + n.kgAliases);
    claimsList.textContent = "";
    var ids = data.claims[id] || [];
    claimsHeading.textContent = (n.kgType === "document" ? "文中言论" : n.kgType === "topic" ? "相关言论" : "言论") +
      "（" + ids.length + "）";
    ids.forEach(function (cid) {
      var c = data.claimInfo[cid];
      if (!c) return;
      var li = document.createElement("li");
      li.className = "kg-claim";
      li.setAttribute("data-claim", cid);
      var text = document.createElement("p");
      text.className = "kg-claim-text";
      text.textContent = "“" + c.text + "”";
      var src = document.createElement("div");
      src.className = "kg-claim-src";
      var bits = [];
      if (n.kgType !== "person" && n.kgType !== "organization" && c.speaker) bits.push(c.speaker);
      bits.push(c.docTitle || c.doc || "（来源不明）");
      if (c.date) bits.push(c.date);
      if (c.cue) bits.push((c.kind === "indirect" ? "转述·" : "") + c.cue);
      src.textContent = bits.join(" · ");
      li.appendChild(text);
      li.appendChild(src);
      claimsList.appendChild(li);
    });
    panel.hidden = false;
    panel.setAttribute("data-node", id);
  }
  document.getElementById("kg-panel-close").addEventListener("click", function () {
    panel.hidden = true;
    panel.removeAttribute("data-node");
  });

  // The one handler behind a click on a node; tests call it through window.kgSelect.
  function selectNode(id) {
    if (!byId.has(id)) return false;
    network.selectNodes([id]);
    showPanel(id);
    container.setAttribute("data-selected", id);
    return true;
  }
  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0]);
  });
  window.kgSelect = selectNode;

  // ---- search ----
  var SEARCHABLE = { person: true, organization: true, topic: true };
  var searchBox = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    data.nodes.forEach(function (n) {
      if (!SEARCHABLE[n.kgType]) return;
      var label = n.kgLabel.toLowerCase();
      var rank = label === q ? 0 : label.indexOf(q) === 0 ? 1 : label.indexOf(q) >= 0 ? 2 :
        n.kgSearch.toLowerCase().indexOf(q) >= 0 ? 3 : -1;
      if (rank >= 0) found.push({ node: n, rank: rank });
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || (b.node.value || 0) - (a.node.value || 0) ||
        a.node.kgLabel.localeCompare(b.node.kgLabel, "zh");
    });
    return found.map(function (f) { return f.node; });
  }
  function focusNode(id) {
    var n = byId.get(id);
    if (!n) return false;
    if (!nodeVisible(n)) {      // bring a filtered-out node back before focusing it
      enabled[n.kgType] = true;
      if (checkboxes[n.kgType]) checkboxes[n.kgType].checked = true;
      if (topicKeep !== null && !topicKeep.has(id)) { topicKeep = null; topicSelect.value = ""; }
      refresh(false);
    }
    selectNode(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2),
                        animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    container.setAttribute("data-focused", id);
    return true;
  }
  function showResults(list) {
    results.textContent = "";
    list.slice(0, 20).forEach(function (n) {
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.setAttribute("data-node", n.id);
      b.textContent = n.kgLabel + " · " + (typeNames[n.kgType] || n.kgType);
      b.addEventListener("click", function () { focusNode(n.id); results.textContent = ""; });
      li.appendChild(b);
      results.appendChild(li);
    });
  }
  function search(query) {
    var list = matches(query);
    showResults(list);
    if (list.length && list[0].kgLabel.toLowerCase() === query.trim().toLowerCase()) {
      focusNode(list[0].id);
    }
    return list.map(function (n) { return n.id; });
  }
  var timer = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(searchBox.value); }, 200);
  });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      clearTimeout(timer);
      var list = matches(searchBox.value);
      showResults(list);
      if (list.length) { focusNode(list[0].id); results.textContent = ""; }
    } else if (ev.key === "Escape") {
      results.textContent = "";
    }
  });
  window.kgSearch = search;
  window.kgFocus = focusNode;
})();
