// Forms on cached pages. Such a page is the same for every reader, so its forms carry no CSRF token
// and no start time of their own: this asks /form-token/ for both (its answer also sets this
// browser's CSRF cookie) when a form comes into view or a visitor starts using it, and a form sent
// before the answer came waits for it. Without JavaScript, the server answers a first try with the
// form again, what was typed kept and a token in it. Loaded before the scripts of the forms.
(function () {
  "use strict";
  var endpoint = document.currentScript.dataset.endpoint;
  var answer = null;

  function formToken() {
    if (!answer) {
      answer = fetch(endpoint, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error("form token: HTTP " + response.status);
          return response.json();
        })
        .catch(function (error) {
          answer = null; // ask again next time
          throw error;
        });
    }
    return answer;
  }

  function missing(form) {
    var token = form.elements.csrfmiddlewaretoken;
    var started = form.elements.started;
    return (token && !token.value) || (started && !started.value);
  }

  function fill(form, data) {
    var token = form.elements.csrfmiddlewaretoken;
    var started = form.elements.started;
    if (token && !token.value) token.value = data.csrfToken;
    if (started && !started.value) started.value = data.started;
  }

  function prepare(form) {
    if (missing(form)) formToken().then(function (data) { fill(form, data); }, function () {});
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[method="post"]'), function (form) {
    if (!missing(form)) return; // a page rendered for this visitor: it has its own
    form.addEventListener("focusin", function () { prepare(form); });
    // Time to fill a form in counts from when a reader could first see it.
    if (form.elements.started && "IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) {
          observer.disconnect();
          prepare(form);
        }
      });
      observer.observe(form);
    }
    form.addEventListener("submit", function (event) {
      if (!missing(form)) return;
      event.preventDefault();
      event.stopImmediatePropagation(); // the form's own script sees the submission once it is ready
      var submitter = event.submitter;
      formToken().then(
        function (data) {
          fill(form, data);
          form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
        },
        function () {
          // The server could not be asked: send it anyway, and it answers with the form again.
          HTMLFormElement.prototype.submit.call(form);
        }
      );
    });
  });
})();
