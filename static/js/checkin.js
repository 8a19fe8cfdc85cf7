// Check-in at the door: scan a ticket's QR code with the phone's camera.
// Progressive enhancement: the form works without this file (typing the code, or a
// handheld scanner that types it and presses Enter). The camera button appears only
// where the browser has BarcodeDetector and getUserMedia. No library, no CDN.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form) return;
  var input = form.querySelector("input[name=code]");
  // After each result the field is empty and focused, ready for the next person; what
  // someone typed before this script ran (a slow phone, a fast scanner) is kept.
  if (input) {
    if (input.value === input.defaultValue) { input.value = ""; }
    input.focus();
  }

  var box = form.querySelector("[data-camera]");
  if (!box || !("BarcodeDetector" in window) || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var toggle = box.querySelector("[data-camera-toggle]");
  var video = box.querySelector("[data-camera-video]");
  var error = box.querySelector("[data-camera-error]");
  var stream = null;
  var detector = null;
  var running = false;

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
    try { sessionStorage.removeItem("checkin-camera"); } catch (e) { /* private mode */ }
  }

  function scan() {
    if (!running) return;
    detector.detect(video).then(function (codes) {
      if (!running) return;
      if (codes.length && codes[0].rawValue) {
        input.value = codes[0].rawValue;
        running = false;
        // Keep the camera on across the page load that shows the result.
        try { sessionStorage.setItem("checkin-camera", "1"); } catch (e) { /* private mode */ }
        form.requestSubmit ? form.requestSubmit() : form.submit();
        return;
      }
      window.setTimeout(function () { window.requestAnimationFrame(scan); }, 150);
    }).catch(function () {
      window.setTimeout(function () { window.requestAnimationFrame(scan); }, 300);
    });
  }

  function start() {
    error.hidden = true;
    return BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) throw new Error("no qr_code");
      detector = new BarcodeDetector({ formats: ["qr_code"] });
      return navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" } }, audio: false
      });
    }).then(function (mediaStream) {
      stream = mediaStream;
      video.srcObject = stream;
      video.hidden = false;
      return video.play();
    }).then(function () {
      running = true;
      toggle.setAttribute("aria-pressed", "true");
      toggle.textContent = toggle.dataset.labelStop;
      scan();
    }).catch(function () {
      stop();
      error.hidden = false;
      input.focus();
    });
  }

  BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) return;
    box.hidden = false;
    toggle.addEventListener("click", function () {
      if (running || stream) { stop(); input.focus(); } else { start(); }
    });
    var resume = false;
    try { resume = sessionStorage.getItem("checkin-camera") === "1"; } catch (e) { /* ignore */ }
    if (resume) start();
  }).catch(function () { /* no camera scanning: the field still works */ });

  window.addEventListener("pagehide", release);
})();
