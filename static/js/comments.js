// The comment form: remembers name and email in this browser when asked, moves under a comment to
// reply, and loads Google's reCAPTCHA only once the visitor starts using the form.
(function () {
  "use strict";
  var form = document.querySelector(".comment-form");
  if (!form) return;
  var COOKIE = "hb_commenter";
  var slot = form.querySelector(".recaptcha-slot");
  var respond = document.getElementById("respond");
  var respondHome = respond.parentNode;
  var respondNext = respond.nextSibling;

  // --- Remember me: a cookie only when the box is ticked, read here so pages stay the same for all.
  function readCookie() {
    var match = document.cookie.match(new RegExp("(?:^|; )" + COOKIE + "=([^;]*)"));
    if (!match) return null;
    try { return JSON.parse(decodeURIComponent(match[1])); } catch (e) { return null; }
  }
  var saved = readCookie();
  if (saved) {
    if (form.elements.name && !form.elements.name.value) form.elements.name.value = saved.name || "";
    if (form.elements.email && !form.elements.email.value) form.elements.email.value = saved.email || "";
    if (form.elements.save_details) form.elements.save_details.checked = true;
  }
  function rememberOrForget() {
    var secure = location.protocol === "https:" ? "; Secure" : "";
    if (form.elements.save_details && form.elements.save_details.checked) {
      var value = encodeURIComponent(JSON.stringify({ name: form.elements.name.value, email: form.elements.email.value }));
      document.cookie = COOKIE + "=" + value + "; Max-Age=31536000; Path=/; SameSite=Lax" + secure;
    } else {
      document.cookie = COOKIE + "=; Max-Age=0; Path=/; SameSite=Lax" + secure;
    }
  }

  // --- reCAPTCHA, loaded on first use.
  var requested = false;
  var ready = false;
  var widgetId = null;
  window.hbRecaptchaLoaded = function () {
    ready = true;
    if (slot.dataset.version === "v2") {
      widgetId = window.grecaptcha.render(slot, {
        sitekey: slot.dataset.sitekey,
        // An expired tick is cleared rather than left with a stale notice: the visitor ticks again.
        "expired-callback": function () { window.grecaptcha.reset(widgetId); },
      });
    }
  };
  function loadRecaptcha() {
    if (requested || !slot) return;
    requested = true;
    var script = document.createElement("script");
    var query = slot.dataset.version === "v3" ? "render=" + encodeURIComponent(slot.dataset.sitekey) + "&" : "render=explicit&";
    script.src = "https://www.google.com/recaptcha/api.js?" + query + "onload=hbRecaptchaLoaded";
    script.async = true;
    script.onerror = function () {
      // Google unreachable from this browser: send the comment anyway, for a moderator to review.
      form.elements.captcha_unavailable.value = "1";
      slot.textContent = "The spam check could not load. Your comment will be reviewed by a moderator before it appears.";
      slot.classList.add("form-note");
    };
    document.head.appendChild(script);
  }
  form.addEventListener("focusin", loadRecaptcha);
  form.addEventListener("input", loadRecaptcha);
  if (form.hasAttribute("data-errors")) loadRecaptcha();

  form.addEventListener("submit", function (event) {
    rememberOrForget();
    if (slot && slot.dataset.version === "v3" && ready && !form.elements["g-recaptcha-response"].value) {
      event.preventDefault();
      window.grecaptcha.ready(function () {
        window.grecaptcha.execute(slot.dataset.sitekey, { action: slot.dataset.action || "comment" }).then(function (token) {
          form.elements["g-recaptcha-response"].value = token;
          form.submit();
        });
      });
    }
  });

  // --- Replies: the same form, moved under the comment being answered.
  var replyingTo = respond.querySelector(".replying-to");
  function placeForm(link) {
    var comment = link ? document.getElementById("comment-" + link.dataset.replyTo) : null;
    form.elements.parent.value = link ? link.dataset.replyTo : "";
    if (comment) {
      comment.querySelector("article").after(respond);
      replyingTo.querySelector(".replying-to-name").textContent = link.dataset.replyName;
      replyingTo.hidden = false;
    } else {
      respondHome.insertBefore(respond, respondNext);
      replyingTo.hidden = true;
    }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".comment-reply");
    if (link) {
      event.preventDefault();
      placeForm(link);
      form.elements.body.focus();
    } else if (event.target.closest(".cancel-reply")) {
      placeForm(null);
    }
  });
  if (form.elements.parent.value) {
    var link = document.querySelector('.comment-reply[data-reply-to="' + form.elements.parent.value + '"]');
    if (link) placeForm(link);
  }
})();
