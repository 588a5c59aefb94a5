// Save-as-you-go for the observation form (progressive enhancement: the form works without it).
// Every few seconds and when a box loses focus, the notes changed since the server last had
// them are posted, one request at a time: a late request never overwrites a newer note, and
// a note this page did not change (the walker may have, in another tab) is left as it is.
// A copy is kept in localStorage until the server has it, so nothing is lost offline.
// Notes the server thinks name a pupil are held here until the walker replaces the names.
(function () {
  "use strict";
  var form = document.getElementById("observation-form");
  if (!form || !form.dataset.autosave || !window.fetch) { return; }
  var text = JSON.parse(document.getElementById("lw-messages").textContent);
  var status = document.getElementById("autosave-status");
  var warning = document.getElementById("names-live");
  var key = form.dataset.draftKey;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("textarea"));
  var changed = {};  // names of the boxes the server does not have yet
  var sending = false;
  var again = false;
  var heldNames = [];

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function keepDraft() {
    var draft = {};
    boxes.forEach(function (box) { draft[box.name] = box.value; });
    var store = storage();
    if (store) { store.setItem(key, JSON.stringify(draft)); }
  }
  function dropDraft() {
    var store = storage();
    if (store) { store.removeItem(key); }
  }
  function restoreDraft() {
    var store = storage();
    var saved = store && store.getItem(key);
    if (!saved) { return; }
    var draft = JSON.parse(saved);
    var restored = false;
    boxes.forEach(function (box) {
      if (draft[box.name] !== undefined && draft[box.name] !== box.value) {
        box.value = draft[box.name];
        markChanged(box);
        restored = true;
      }
    });
    if (restored) { status.textContent = text.restored; }
  }
  function markChanged(box) { changed[box.name] = true; }
  function initials(phrase) {
    return phrase.split(/\s+/).map(function (part) { return part.charAt(0) + "."; }).join("");
  }
  function showNames(names) {
    heldNames = names;
    if (!names.length) { warning.hidden = true; return; }
    document.getElementById("names-live-text").textContent =
      text.names.replace("%(names)s", names.join(", "));
    warning.hidden = false;
  }
  function save() {
    if (sending) { again = true; return; }
    var names = Object.keys(changed);
    if (!names.length) { return; }
    changed = {};
    sending = true;
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    data.append("autosave", "1");
    names.forEach(function (name) { data.append(name, form.elements[name].value); });
    fetch(form.dataset.autosave, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (result) {
      status.textContent = text.saved.replace("%(time)s", result.saved_at);
      showNames(result.names);
      if (!result.held.length && !Object.keys(changed).length) { dropDraft(); }
    }).catch(function () {
      names.forEach(function (name) { changed[name] = true; });
      status.textContent = text.offline;
    }).then(function () {
      sending = false;
      if (again) { again = false; save(); }
    });
  }

  warning.addEventListener("click", function (event) {
    var how = event.target.dataset && event.target.dataset.replace;
    if (!how) { return; }
    boxes.forEach(function (box) {
      var before = box.value;
      heldNames.slice().sort(function (a, b) { return b.length - a.length; }).forEach(function (phrase) {
        var escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        box.value = box.value.replace(new RegExp("\\b" + escaped + "\\b", "g"),
          how === "initials" ? initials(phrase) : text.pupil);
      });
      if (box.value !== before) { markChanged(box); }
    });
    keepDraft();
    save();
  });
  form.addEventListener("input", function (event) {
    if (boxes.indexOf(event.target) === -1) { return; }
    markChanged(event.target);
    keepDraft();
  });
  form.addEventListener("submit", dropDraft);
  form.addEventListener("focusout", function (event) {
    // Leaving a box for the Save button: the submit will carry the notes itself.
    if (event.relatedTarget && event.relatedTarget.type === "submit") { return; }
    save();
  });
  window.addEventListener("online", save);
  restoreDraft();
  window.setInterval(save, 5000);
})();
