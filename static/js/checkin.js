// Check-in at the door: scan a ticket's QR code with the phone's camera.
// Progressive enhancement: the form works without this file (typing the code, a handheld
// scanner that types it and presses Enter, or a name found in the list below it).
// The QR code is read by the browser's BarcodeDetector where it has one that reads QR
// codes (Chrome on Android, macOS); elsewhere (Safari on iPhone, Firefox, desktop Chrome on
// Windows or Linux) by jsQR, loaded on demand from the portal's own static files
// (static/vendor/jsqr/, the URL in data-qr-decoder): no CDN, nothing inline.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form) return;
  var input = form.querySelector("input[name=code]");
  var found = document.querySelector("[data-checkin-found]");
  // After each result the field is empty and focused, ready for the next person; what
  // someone typed before this script ran (a slow phone, a fast scanner) is kept. After a
  // search by name the list gets the focus instead: no keyboard opens over it on a phone.
  if (input) {
    if (input.value === input.defaultValue) { input.value = ""; }
    if (found) {
      found.setAttribute("tabindex", "-1");
      found.focus();
    } else {
      input.focus();
    }
  }

  var box = form.querySelector("[data-camera]");
  if (!box || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  var hasNative = "BarcodeDetector" in window;
  var decoderUrl = box.getAttribute("data-qr-decoder");
  if (!hasNative && !decoderUrl) return;

  var toggle = box.querySelector("[data-camera-toggle]");
  var video = box.querySelector("[data-camera-video]");
  var error = box.querySelector("[data-camera-error]");
  var stream = null;
  var decode = null; // function (video) -> Promise of the text read, or null
  var running = false;
  var starting = false;

  function nativeDecoder() {
    if (!hasNative) return Promise.resolve(null);
    return BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) return null;
      var detector = new BarcodeDetector({ formats: ["qr_code"] });
      return function (source) {
        return detector.detect(source).then(function (codes) {
          return codes.length && codes[0].rawValue ? codes[0].rawValue : null;
        });
      };
    }).catch(function () { return null; });
  }

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      if (typeof window.jsQR === "function") { resolve(); return; }
      var script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("QR decoder did not load")); };
      document.head.appendChild(script);
    });
  }

  function scriptDecoder() {
    if (!decoderUrl) return Promise.resolve(null);
    return loadScript(decoderUrl).then(function () {
      if (typeof window.jsQR !== "function") return null;
      var canvas = document.createElement("canvas");
      var context = canvas.getContext("2d", { willReadFrequently: true });
      return function (source) {
        var width = source.videoWidth;
        var height = source.videoHeight;
        if (!width || !height) return Promise.resolve(null);
        // At most 640 px on the long side: plenty for a ticket held up to the camera,
        // and quick enough on a phone to try several frames a second.
        var scale = Math.min(1, 640 / Math.max(width, height));
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        context.drawImage(source, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var code = window.jsQR(image.data, image.width, image.height, {
          inversionAttempts: "dontInvert"
        });
        return Promise.resolve(code && code.data ? code.data : null);
      };
    });
  }

  function decoder() {
    if (decode) return Promise.resolve(decode);
    return nativeDecoder().then(function (native) {
      return native || scriptDecoder();
    }).then(function (chosen) {
      if (!chosen) throw new Error("no QR decoder");
      decode = chosen;
      return chosen;
    });
  }

  function release() {
    running = false;
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
  }

  function stop() {
    release();
    video.hidden = true;
    toggle.setAttribute("aria-pressed", "false");
    toggle.textContent = toggle.dataset.labelStart;
    try {
      sessionStorage.removeItem("checkin-camera");
      sessionStorage.removeItem("checkin-last");
    } catch (e) { /* private mode */ }
  }

  // The ticket just checked in is usually still in front of the camera when the result
  // page loads: it is not sent again (which would replace "Checked in" with "Already
  // checked in") until the camera has seen no code for a moment or REPEAT_AFTER_MS passed.
  var REPEAT_AFTER_MS = 10000;
  var GONE_AFTER_MS = 1000;
  var last = null;
  try { last = JSON.parse(sessionStorage.getItem("checkin-last") || "null"); } catch (e) { last = null; }
  var lastSeen = Date.now();

  function isRepeat(value) {
    if (!last || last.code !== value) return false;
    if (Date.now() - last.at > REPEAT_AFTER_MS) return false;
    lastSeen = Date.now();
    return true;
  }

  function scan() {
    if (!running) return;
    decode(video).then(function (value) {
      if (!running) return;
      if (!value && last && Date.now() - lastSeen > GONE_AFTER_MS) { last = null; }
      if (value && !isRepeat(value)) {
        input.value = value;
        running = false;
        // Keep the camera on across the page load that shows the result.
        try {
          sessionStorage.setItem("checkin-camera", "1");
          sessionStorage.setItem("checkin-last", JSON.stringify({ code: value, at: Date.now() }));
        } catch (e) { /* private mode */ }
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
        return;
      }
      window.setTimeout(function () { window.requestAnimationFrame(scan); }, 150);
    }).catch(function () {
      window.setTimeout(function () { window.requestAnimationFrame(scan); }, 300);
    });
  }

  function start() {
    if (starting) return;
    starting = true;
    error.hidden = true;
    decoder().then(function () {
      return navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" } }, audio: false
      });
    }).then(function (mediaStream) {
      stream = mediaStream;
      video.srcObject = stream;
      video.hidden = false;
      return video.play();
    }).then(function () {
      starting = false;
      running = true;
      lastSeen = Date.now();
      toggle.setAttribute("aria-pressed", "true");
      toggle.textContent = toggle.dataset.labelStop;
      scan();
    }).catch(function () {
      starting = false;
      stop();
      error.hidden = false;
      input.focus();
    });
  }

  box.hidden = false;
  toggle.addEventListener("click", function () {
    if (running || stream) { stop(); input.focus(); } else if (!starting) { start(); }
  });
  var resume = false;
  try { resume = sessionStorage.getItem("checkin-camera") === "1"; } catch (e) { /* ignore */ }
  if (resume) start();

  window.addEventListener("pagehide", release);
})();
