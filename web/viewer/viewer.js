// The opensam viewer: a run folder's scenario.czml on an offline CesiumJS globe (bundled
// NaturalEarthII imagery, no terrain server, no tokens), with layer toggles, a clickable list of
// the engagement's events that moves the clock, and a 2-D map mode.
"use strict";

window.opensamStatus = { ready: false, entities: 0, events: 0, error: null };

// Events worth a line in the list, and how to tell them.
const LISTED = {
  launched: (e) => `${e.interceptor} launched from ${e.launcher} at track ${e.track}`,
  intercept: (e) => `${e.interceptor} burst ${e.miss_m.toFixed(1)} m from ${e.target || "nothing"}`,
  killed: (e) => `${e.threat} killed by ${e.interceptor}${e.fratricide ? " (fratricide)" : ""}`,
  leaked: (e) => `${e.threat} leaked${e.target ? " on " + e.target : ""}`,
  site_destroyed: (e) => `${e.site} destroyed`,
  self_destructed: (e) => `${e.interceptor} self-destructed`,
};

async function start() {
  const viewer = new Cesium.Viewer("globe", {
    baseLayer: Cesium.ImageryLayer.fromProviderAsync(
      Cesium.TileMapServiceImageryProvider.fromUrl(Cesium.buildModuleUrl("Assets/Textures/NaturalEarthII"))),
    terrainProvider: new Cesium.EllipsoidTerrainProvider(),
    baseLayerPicker: false,
    geocoder: false,
    homeButton: true,
    sceneModePicker: false,
    navigationHelpButton: false,
    fullscreenButton: false,
    shouldAnimate: true,
  });
  window.opensamViewer = viewer;

  const source = await Cesium.CzmlDataSource.load("/run/scenario.czml");
  await viewer.dataSources.add(source);
  viewer.clockTrackedDataSource = source;
  // Look straight down on the sites from 800 km.
  const fixed = source.entities.values.filter((e) => e.parent && (e.parent.id === "sites" || e.parent.id === "assets"));
  if (fixed.length) {
    const centre = Cesium.BoundingSphere.fromPoints(fixed.map((e) => e.position.getValue(viewer.clock.startTime))).center;
    const c = Cesium.Cartographic.fromCartesian(centre);
    viewer.camera.setView({ destination: Cesium.Cartesian3.fromRadians(c.longitude, c.latitude, 800000) });
  } else {
    await viewer.zoomTo(source);
  }
  document.getElementById("title").textContent = source.name || "opensam";

  // Layer toggles: a parent entity's show hides its children.
  for (const box of document.querySelectorAll("#layers input[data-parent]")) {
    box.addEventListener("change", () => {
      const parent = source.entities.getById(box.dataset.parent);
      if (parent) parent.show = box.checked;
      if (box.dataset.parent === "sites") source.entities.getById("assets").show = box.checked;
    });
  }
  const coverage = document.getElementById("coverage-layers");
  for (const e of source.entities.values) {
    if (!e.parent || e.parent.id !== "coverage") continue;
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = e.rectangle.show.getValue(viewer.clock.startTime);
    box.addEventListener("change", () => { e.rectangle.show = box.checked; });
    label.append(box, ` coverage: ${e.name}`);
    coverage.append(label);
  }

  // 2-D map and globe.
  const mode = document.getElementById("mode");
  mode.addEventListener("click", () => {
    if (viewer.scene.mode === Cesium.SceneMode.SCENE2D) {
      viewer.scene.morphTo3D(0);
      mode.textContent = "2-D map";
    } else {
      viewer.scene.morphTo2D(0);
      mode.textContent = "3-D globe";
    }
  });

  // The event list, from the run's events.jsonl; a click moves the clock there.
  const start = viewer.clock.startTime;
  const text = await (await fetch("/run/events.jsonl")).text();
  const list = document.getElementById("events");
  let listed = 0;
  for (const line of text.split("\n")) {
    if (!line) continue;
    const e = JSON.parse(line);
    const describe = LISTED[e.event];
    if (!describe) continue;
    const li = document.createElement("li");
    li.className = e.event;
    li.dataset.time = e.time_s;
    const t = document.createElement("span");
    t.className = "t";
    t.textContent = `${e.time_s.toFixed(1)} s`;
    li.append(t, describe(e));
    li.addEventListener("click", () => {
      viewer.clock.currentTime = Cesium.JulianDate.addSeconds(start, e.time_s, new Cesium.JulianDate());
    });
    list.append(li);
    ++listed;
  }

  const entities = source.entities.values.length;
  document.getElementById("status").textContent =
    `${entities} objects, ${listed} events; ${Cesium.JulianDate.secondsDifference(viewer.clock.stopTime, start).toFixed(0)} s of simulation`;
  window.opensamStatus = { ready: true, entities, events: listed, error: null };
}

start().catch((err) => {
  console.error(err);
  window.opensamStatus.error = String(err);
  document.getElementById("status").textContent = `cannot load the run: ${err}`;
});
