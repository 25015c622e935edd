// The newsletter sign-up boxes: with reCAPTCHA v3 switched on, Google's script loads only once a
// visitor starts using a box. (Their CSRF token comes from forms.js: the page may be cached.)
(function () {
  "use strict";
  var forms = document.querySelectorAll(".newsletter-form");
  if (!forms.length) return;

  var requested = false;
  var ready = false;
  window.hbNewsletterRecaptchaLoaded = function () { ready = true; };

  function loadRecaptcha(slot, form) {
    if (requested) return;
    requested = true;
    var script = document.createElement("script");
    script.src = "https://www.google.com/recaptcha/api.js?render=" + encodeURIComponent(slot.dataset.sitekey) +
      "&onload=hbNewsletterRecaptchaLoaded";
    script.async = true;
    script.onerror = function () {
      // Google unreachable from this browser: sign up anyway; the per-address limits still hold.
      Array.prototype.forEach.call(forms, function (f) {
        if (f.elements.captcha_unavailable) f.elements.captcha_unavailable.value = "1";
      });
    };
    document.head.appendChild(script);
  }

  Array.prototype.forEach.call(forms, function (form) {
    var slot = form.querySelector(".recaptcha-slot");
    if (slot) {
      form.addEventListener("focusin", function () { loadRecaptcha(slot, form); });
    }
    form.addEventListener("submit", function (event) {
      if (slot && ready && !form.elements["g-recaptcha-response"].value) {
        event.preventDefault();
        window.grecaptcha.ready(function () {
          window.grecaptcha.execute(slot.dataset.sitekey, { action: "subscribe" }).then(function (value) {
            form.elements["g-recaptcha-response"].value = value;
            form.submit();
          });
        });
      }
    });
  });
})();
