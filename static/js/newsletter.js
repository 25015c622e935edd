// The newsletter sign-up boxes. The page may come from a cache, so the CSRF token written into it
// can be someone else's: send the one from this browser's cookie when there is one (without it, the
// server answers with the form again, address kept). With reCAPTCHA v3 switched on, Google's script
// loads only once a visitor starts using a box.
(function () {
  "use strict";
  var forms = document.querySelectorAll(".newsletter-form");
  if (!forms.length) return;

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

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
      var token = cookie("csrftoken");
      if (token && form.elements.csrfmiddlewaretoken) form.elements.csrfmiddlewaretoken.value = token;
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
