/*
 * Woondeal-kaart: one panel "Lagen en legenda" for a Leaflet map, shared by the app and the static site.
 *
 * WD.init(map, options) runs once, when the map is made: the panel control (open on wide maps, closed
 * below 768 px), the background choice, keyboard access and the view in the address bar.
 * WD.update(config) runs after every change of the data shown (a filter, a period, a selection): it
 * takes the overlays drawn for that view with their legends, the constraint themes that may be shown
 * (fetched as GeoJSON only when switched on, never through the server), and what to zoom to.
 *
 * Every text from the data arrives escaped (legends) or is set with textContent (labels, tooltips).
 */
(function () {
  'use strict';
  var NARROW = 768;
  var state = {map: null, panel: null, body: null, button: null, overlays: {}, themes: {}, config: null,
               fitKeys: null, popupKey: null, urlParam: 'kaart', layersParam: 'lagen', writeUrl: false,
               initialThemes: null, baseLayers: [], baseIndex: 0};

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* --- the address bar: centre, zoom and the themes switched on ----------------------------------- */

  function topWindow() {
    try { return window.top.location.href ? window.top : window; } catch (e) { return window; }
  }

  function writeUrl() {
    if (!state.writeUrl) { return; }
    var win = topWindow();
    var url = new URL(win.location.href);
    var centre = state.map.getCenter();
    url.searchParams.set(state.urlParam, centre.lat.toFixed(5) + ',' + centre.lng.toFixed(5) + ',' +
                         (Math.round(state.map.getZoom() * 4) / 4));
    var on = Object.keys(state.themes).filter(function (id) { return state.themes[id].on; });
    if (on.length) { url.searchParams.set(state.layersParam, on.join(',')); } else { url.searchParams.delete(state.layersParam); }
    win.history.replaceState(win.history.state, '', url.toString());
  }

  /* --- the panel -------------------------------------------------------------------------------- */

  function setOpen(open) {
    state.panel.classList.toggle('wd-open', open);
    state.button.setAttribute('aria-expanded', open ? 'true' : 'false');
    state.body.hidden = !open;
  }

  var Panel = L.Control.extend({
    options: {position: 'topright'},
    onAdd: function () {
      var panel = el('div', 'wd-panel leaflet-bar');
      var button = el('button', 'wd-panel-button', 'Lagen en legenda');
      button.type = 'button';
      button.setAttribute('aria-controls', 'wd-panel-body');
      var body = el('div', 'wd-panel-body');
      body.id = 'wd-panel-body';
      body.setAttribute('role', 'region');
      body.setAttribute('aria-label', 'Kaartlagen en legenda');
      panel.appendChild(button);
      panel.appendChild(body);
      L.DomEvent.disableClickPropagation(panel);
      L.DomEvent.disableScrollPropagation(panel);
      button.addEventListener('click', function () { setOpen(!panel.classList.contains('wd-open')); });
      state.panel = panel; state.button = button; state.body = body;
      return panel;
    }
  });

  function section(title, className) {
    var box = el('section', 'wd-section ' + (className || ''));
    box.appendChild(el('h2', 'wd-title', title));
    state.body.appendChild(box);
    return box;
  }

  function checkbox(parent, label, checked, onChange, swatch) {
    var row = el('label', 'wd-check');
    var input = el('input');
    input.type = 'checkbox';
    input.checked = checked;
    input.addEventListener('change', function () { onChange(input.checked); });
    row.appendChild(input);
    if (swatch) { var icon = el('span', 'wd-swatch'); icon.innerHTML = swatch; row.appendChild(icon); }
    row.appendChild(el('span', '', label));
    parent.appendChild(row);
    return input;
  }

  function renderBackgrounds() {
    var box = section('Achtergrond', 'wd-backgrounds');
    var choices = state.baseLayers.concat([{name: 'Geen achtergrond', layer: null}]);
    choices.forEach(function (choice, index) {
      var row = el('label', 'wd-check');
      var input = el('input');
      input.type = 'radio'; input.name = 'wd-achtergrond'; input.checked = index === state.baseIndex;
      input.addEventListener('change', function () {
        state.baseIndex = index;
        state.baseLayers.forEach(function (b) { if (state.map.hasLayer(b.layer)) { state.map.removeLayer(b.layer); } });
        if (choice.layer) { choice.layer.addTo(state.map); }
      });
      row.appendChild(input); row.appendChild(el('span', '', choice.name));
      box.appendChild(row);
    });
  }

  /* --- overlays of the current view ------------------------------------------------------------ */

  function renderOverlays(config) {
    var box = section('Kaartlagen', 'wd-overlays');
    config.overlays.forEach(function (overlay) {
      var remembered = state.overlays[overlay.id];
      var visible = remembered === undefined ? overlay.visible !== false : remembered;
      state.overlays[overlay.id] = visible;
      if (!visible && state.map.hasLayer(overlay.layer)) { state.map.removeLayer(overlay.layer); }
      var legend = el('div', 'wd-legend');
      legend.innerHTML = overlay.legend || '';
      legend.hidden = !visible;
      if (overlay.toggle === false) {
        box.appendChild(legend);
        legend.hidden = false;
        return;
      }
      checkbox(box, overlay.label, visible, function (on) {
        state.overlays[overlay.id] = on;
        legend.hidden = !on;
        if (on) { overlay.layer.addTo(state.map); } else { state.map.removeLayer(overlay.layer); }
      });
      box.appendChild(legend);
    });
  }

  /* --- constraint themes: fetched when switched on, kept across updates ------------------------ */

  /* A feature with a 'zone' property is one of the theme's rule zones (where a site would get that outcome),
     drawn in the zone's own style under the theme's features. */
  function themeStyle(theme, opacity, feature) {
    var zone = feature && feature.properties && feature.properties.zone;
    var s = zone && theme.zones && theme.zones[zone] ? theme.zones[zone] : theme.style;
    var kind = zone ? 'wd-zone wd-zone-' + zone.replace(' ', '-') + ' wd-zone-' + theme.id : 'wd-thema wd-thema-' + theme.id;
    return {color: s.stroke, weight: s.weight, dashArray: s.dash, fillColor: s.fill || s.stroke,
            fillOpacity: (s.fill ? s.fillOpacity : 0) * opacity, opacity: opacity, className: kind};
  }

  function themeLayer(theme, entry, data) {
    return L.geoJSON(data, {
      style: function (feature) { return themeStyle(theme, entry.opacity, feature); },
      pointToLayer: function (feature, latlng) {
        return L.circleMarker(latlng, {radius: 6, color: '#ffffff', weight: 1.5, fillColor: theme.style.stroke,
                                       fillOpacity: 0.9 * entry.opacity, opacity: entry.opacity,
                                       className: 'wd-thema wd-thema-' + theme.id});
      },
      onEachFeature: function (feature, layer) {
        var name = feature.properties && feature.properties.naam ? feature.properties.naam : '';
        layer.bindTooltip(escapeHtml(theme.label) + (name ? '<br>' + escapeHtml(name) : ''), {sticky: true});
      }
    });
  }

  /* A theme's data comes as a script (kaartlagen/<thema>.js calls WD.layerData), not through fetch:
     a script also loads when the static site is opened from disk (file://), where fetch is refused. */
  var pending = {};

  function loadData(theme, done, failed) {
    pending[theme.id] = done;
    var script = document.createElement('script');
    script.src = theme.url;
    script.async = true;
    script.onerror = function () { delete pending[theme.id]; failed(); };
    document.head.appendChild(script);
  }

  function showTheme(theme, entry) {
    if (entry.layer) { entry.layer.addTo(state.map); return; }
    entry.loading = true;
    entry.status.textContent = 'laden…';
    loadData(theme, function (data) {
      entry.loading = false;
      entry.status.textContent = '';
      entry.layer = themeLayer(theme, entry, data);
      if (entry.on) { entry.layer.addTo(state.map); entry.layer.bringToBack(); }
      state.map.fire('wd:themeloaded', {id: theme.id});
    }, function () {
      entry.loading = false;
      entry.status.textContent = 'kon niet worden geladen';
    });
  }

  function setTheme(theme, entry, on) {
    entry.on = on;
    entry.controls.hidden = !on;
    if (on) { showTheme(theme, entry); } else if (entry.layer) { state.map.removeLayer(entry.layer); }
    writeUrl();
  }

  function renderThemes(config) {
    var allowed = {};
    config.themes.forEach(function (theme) { allowed[theme.id] = true; });
    Object.keys(state.themes).forEach(function (id) {  // a theme no longer in this view goes away
      if (!allowed[id]) {
        if (state.themes[id].layer) { state.map.removeLayer(state.themes[id].layer); }
        delete state.themes[id];
      }
    });
    if (!config.themes.length) { return; }
    var box = section('Locatietoets: themakaarten', 'wd-themes');
    if (state.initialThemes === null) { state.initialThemes = config.activeThemes || []; }
    config.themes.forEach(function (theme) {
      var entry = state.themes[theme.id];
      if (!entry) {
        entry = state.themes[theme.id] = {on: state.initialThemes.indexOf(theme.id) >= 0, opacity: 1, layer: null};
      }
      var wrapper = el('div', 'wd-theme');
      var input = checkbox(wrapper, theme.label, entry.on, function (on) { setTheme(theme, entry, on); }, theme.swatch);
      input.setAttribute('data-thema', theme.id);
      entry.status = el('span', 'wd-status');
      wrapper.appendChild(entry.status);
      var controls = el('div', 'wd-theme-controls');
      controls.hidden = !entry.on;
      var legend = el('div', 'wd-legend');
      legend.innerHTML = theme.legend || '';
      controls.appendChild(legend);
      var slider = el('label', 'wd-opacity');
      slider.appendChild(el('span', '', 'Dekking'));
      var range = el('input');
      range.type = 'range'; range.min = '10'; range.max = '100'; range.step = '10';
      range.value = String(Math.round(entry.opacity * 100));
      range.setAttribute('aria-label', 'Dekking van ' + theme.label);
      var shown = el('output', '', range.value + '%');
      range.addEventListener('input', function () {
        entry.opacity = Number(range.value) / 100;
        shown.textContent = range.value + '%';
        if (entry.layer) { entry.layer.setStyle(function (feature) { return themeStyle(theme, entry.opacity, feature); }); }
      });
      slider.appendChild(range); slider.appendChild(shown);
      controls.appendChild(slider);
      wrapper.appendChild(controls);
      entry.controls = controls;
      box.appendChild(wrapper);
      if (entry.on && !entry.layer && !entry.loading) { showTheme(theme, entry); }
    });
  }

  /* --- what the view asks for: zoom to a selection, a popup ------------------------------------ */

  /* Zoom to whatever changed since the last view (a project, a place, the chosen gemeenten), the first
     changed one in the order given. When the map opens it keeps the view of the link, unless told to
     open on the first focus (a link to a project without a view). */
  function applyFits(fits, fitOnOpen) {
    var opening = state.fitKeys === null;
    if (opening) { state.fitKeys = {}; }
    var target = null;
    (fits || []).forEach(function (fit) {
      if (state.fitKeys[fit.kind] !== fit.key) {
        if (!target && (!opening || fitOnOpen) && fit.key) { target = fit; }
        state.fitKeys[fit.kind] = fit.key;
      }
    });
    if (target) { state.map.fitBounds(target.bounds, {maxZoom: target.maxZoom || 15, padding: [24, 24]}); }
  }

  function applyPopup(popup) {
    if (!popup) { state.popupKey = null; state.map.closePopup(); return; }
    if (popup.key === state.popupKey) { return; }
    state.popupKey = popup.key;
    L.popup({maxWidth: 280, autoPanPaddingTopLeft: [10, 60]}).setLatLng(popup.latlng).setContent(popup.html).openOn(state.map);
  }

  /* --- keyboard: one Tab stop per project symbol, Enter or space selects it -------------------- */

  function keyboardSymbols() {
    state.map.eachLayer(function (layer) {
      var path = layer.getElement && layer.getElement();
      var label = layer.feature && layer.feature.properties && layer.feature.properties.label;
      if (!path || !label || path.getAttribute('tabindex') === '0') { return; }
      path.setAttribute('tabindex', '0');
      path.setAttribute('role', 'button');
      path.setAttribute('aria-label', label);
      path.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          layer.fire('click', {latlng: layer.getLatLng(), originalEvent: event}, true);  // to its group, as a click
        }
      });
    });
  }

  function zoomClass() {
    state.map.getContainer().classList.toggle('wd-zoom-near', state.map.getZoom() >= 12);
  }

  window.WD = {
    init: function (map, options) {
      document.documentElement.setAttribute('lang', 'nl');
      if (options.images) { L.Icon.Default.imagePath = options.images; }
      L.control.scale({metric: true, imperial: false, position: 'bottomleft'}).addTo(map);
      if (map.zoomControl) {
        [[map.zoomControl._zoomInButton, 'Inzoomen'], [map.zoomControl._zoomOutButton, 'Uitzoomen']].forEach(function (b) {
          b[0].title = b[1]; b[0].setAttribute('aria-label', b[1]);
        });
      }
      map.on('popupopen', function (event) {  // Leaflet names the popup's close button in English
        var close = event.popup._closeButton;
        if (close) { close.setAttribute('aria-label', 'Pop-up sluiten'); close.title = 'Pop-up sluiten'; }
      });
      map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
      map.getContainer().setAttribute('aria-label', 'Kaart van de Woondeal West-Overijssel');
      state.map = map;
      state.baseLayers = options.baseLayers || [];
      state.writeUrl = options.writeUrl !== false;
      new Panel().addTo(map);
      var narrow = topWindow().innerWidth < NARROW;  // the screen, not the map: on a phone the panel waits
      setOpen(!narrow);
      map.on('moveend', writeUrl);
      map.on('zoomend', zoomClass);
      zoomClass();
    },
    update: function (config) {
      state.config = config;
      state.body.innerHTML = '';
      if (config.embargo) {
        var mark = section(config.embargo, 'wd-embargo');
        mark.appendChild(el('p', 'wd-note', 'Vertrouwelijk: niet delen vóór het einde van het embargo.'));
      }
      renderOverlays(config);
      renderThemes(config);
      renderBackgrounds();
      applyFits(config.fits, config.fitOnOpen);
      applyPopup(config.popup);
      keyboardSymbols();
    },
    layerData: function (id, data) {
      var done = pending[id];
      delete pending[id];
      if (done) { done(data); }
    },
    escapeHtml: escapeHtml
  };
})();
