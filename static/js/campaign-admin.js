// Campaigns in the admin: "Insert article" for the body editor, and the article picker window. (The
// progress panel that follows a campaign while it sends is admin-progress.js's.)
//
// The admin loads this script in the page's <head> (the form's media), before the body exists: it
// looks elements up once the editor is ready or the document is parsed, never at load.
(function () {
  "use strict";

  function whenParsed(callback) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
    else callback();
  }

  // The change form: keep the body's editor when it is ready, and offer "Insert article…" under it.
  document.addEventListener("prose-editor:ready", function (event) {
    var pickerUrl = document.querySelector("[data-article-picker-url]");
    if (!pickerUrl || event.detail.textarea.name !== "body") return;
    var editor = event.detail.editor;
    window.healthybackInsertArticle = function (html) {
      editor.chain().focus().insertContent(html).run();
    };
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button campaign-insert-article";
    button.textContent = "Insert article…";
    button.addEventListener("click", function () {
      window.open(pickerUrl.dataset.articlePickerUrl, "article-picker", "width=820,height=720");
    });
    // After the field's row (label and editor side by side), not inside it: a flex item there
    // would stand beside the editor, stretched to its height.
    var holder = event.detail.textarea.closest(".prose-editor") || event.detail.textarea;
    (holder.closest(".flex-container") || holder).insertAdjacentElement("afterend", button);
  });

  // The picker window: hand the chosen article's snippet to the editor that opened it.
  function setUpPicker() {
    var picker = document.querySelector(".article-picker");
    if (!picker) return;
    picker.addEventListener("click", function (event) {
      var choice = event.target.closest(".article-picker-choice");
      if (!choice || !window.opener || !window.opener.healthybackInsertArticle) return;
      var snippet = document.getElementById(choice.dataset.template);
      window.opener.healthybackInsertArticle(snippet.innerHTML);
      window.close();
    });
  }

  whenParsed(setUpPicker);
})();
