// Live updates of the inbox pages, and nothing else. The pages work fully without this script: a
// reload shows whatever is new. With it, new notifications (on /postfach) and new messages (on the
// conversation's page) appear as they arrive, and a polite live region tells screen readers.
// Everything the page shows comes from server-rendered <template> elements; what people wrote is set
// with textContent only, so it can never become markup.
(function () {
  "use strict";

  var region = document.getElementById("inbox-live");
  if (!region || typeof window.EventSource !== "function") {
    return;
  }

  function announce(text) {
    region.textContent = text;
  }

  function phrase(attribute, value) {
    return (region.getAttribute(attribute) || "{0}").replace("{0}", value);
  }

  function slot(element, name) {
    return element.querySelector("[data-slot='" + name + "']");
  }

  // Only addresses of this site: a link of the stream that is anything else is shown as plain text.
  function isOwnPage(address) {
    return typeof address === "string" && address.charAt(0) === "/" && address.charAt(1) !== "/" && address.charAt(1) !== "\\";
  }

  function showNotification(notification) {
    var list = document.getElementById("notification-list");
    var template = document.getElementById("notification-template");
    if (!list || !template || document.getElementById("notification-" + notification.id)) {
      return;
    }

    var item = template.content.firstElementChild.cloneNode(true);
    item.id = "notification-" + notification.id;
    var title = slot(item, "title");
    title.id = "notification-title-" + notification.id;
    if (isOwnPage(notification.page)) {
      var link = document.createElement("a");
      link.href = notification.page;
      link.textContent = notification.title;
      title.appendChild(link);
    } else {
      title.textContent = notification.title;
    }

    slot(item, "body").textContent = notification.body;
    var form = item.querySelector("form");
    if (form) {
      form.querySelector("input[name='notification']").value = notification.id;
      var handler = form.querySelector("input[name='_handler']");
      if (handler) {
        handler.value = "read-" + notification.id;
      }

      form.querySelector("button").setAttribute("aria-describedby", title.id);
    }

    list.insertBefore(item, list.firstChild);
    var none = document.getElementById("notification-none");
    if (none) {
      none.hidden = true;
    }

    announce(phrase("data-notification-text", notification.title));
  }

  function showMessage(message) {
    var list = document.getElementById("message-list");
    var template = document.getElementById("message-template");
    if (!list || !template || list.getAttribute("data-conversation") !== message.conversationId || document.getElementById("message-" + message.id)) {
      return;
    }

    var item = template.content.firstElementChild.cloneNode(true);
    item.id = "message-" + message.id;
    var sender = document.querySelector("[data-organisation='" + message.senderOrganisationId + "']");
    var senderName = sender ? sender.textContent : "";
    slot(item, "sender").textContent = senderName;
    slot(item, "text").textContent = message.text;
    // Messages of the reader's own organisations cannot be reported by them; the others' can.
    var report = slot(item, "report");
    var mine = (list.getAttribute("data-mine") || "").split(" ");
    if (report && mine.indexOf(message.senderOrganisationId) >= 0) {
      report.parentNode.removeChild(report);
    } else if (report) {
      var reportLink = report.querySelector("a");
      reportLink.href = reportLink.getAttribute("data-base") + message.id;
    }

    list.appendChild(item);
    var none = document.getElementById("message-none");
    if (none) {
      none.hidden = true;
    }

    announce(phrase("data-message-text", senderName));
  }

  var source = new EventSource(region.getAttribute("data-stream"));

  function listen(name, show) {
    source.addEventListener(name, function (event) {
      try {
        show(JSON.parse(event.data));
      } catch (problem) {
        // A malformed event is skipped; a reload shows everything.
      }
    });
  }

  source.addEventListener("ready", function () {
    region.setAttribute("data-state", "open");
  });
  source.addEventListener("error", function () {
    region.setAttribute("data-state", "reconnecting");
  });
  listen("notification", showNotification);
  listen("message", showMessage);
  window.addEventListener("pagehide", function () {
    source.close();
  });
})();
