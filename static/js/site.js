// A page sent back with errors: focus moves to the error summary, so keyboard and screen-reader users start
// there and can follow its links to each field.
// Otherwise the messages about what the person just did (saved, sent, flagged) get focus. On a page opened at
// an anchor (the post just reported) they would be off-screen at the top, so they float over the window's top
// until closed (the button, or Escape) and the page stays where the anchor put it.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".ds-error-summary");
  if (summary) {
    summary.focus();
    return;
  }
  const messages = document.querySelector(".messages");
  if (!messages) {
    return;
  }
  const target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  if (target) {
    const close = messages.querySelector(".messages__close");
    const dismiss = () => {
      messages.classList.remove("messages--floating");
      close.hidden = true;
    };
    messages.classList.add("messages--floating");
    close.hidden = false;
    close.addEventListener("click", () => {
      dismiss();
      target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    });
    messages.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        dismiss();
      }
    });
  }
  if (target) {
    // The browser scrolls to the anchor once the page has loaded, and drops focus as it does.
    window.addEventListener("load", () => messages.focus({ preventScroll: true }));
  } else {
    messages.focus();
  }
});

// The header's menu button (under 768 px). Without JavaScript it is a link to the menu, which CSS shows when
// it is the target; here it becomes a button that opens and closes the menu, keeps focus inside the open
// menu (Tab and Shift+Tab go round the button and the menu) and closes on Escape, giving focus back.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".site-menu-button");
  const menu = document.getElementById("site-menu");
  if (!button || !menu) {
    return;
  }
  button.setAttribute("role", "button");
  const isOpen = () => button.getAttribute("aria-expanded") === "true";
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.dataset.open = String(open);
  };
  // Shown and focusable: checkVisibility also leaves out the links of a closed <details> (the user menu).
  const shown = (element) =>
    element.checkVisibility ? element.checkVisibility() : element.getClientRects().length > 0;
  const stops = () =>
    [button, ...menu.querySelectorAll("a[href], button, input, select, textarea, summary")].filter(shown);
  setOpen(false);
  button.addEventListener("click", (event) => {
    event.preventDefault();
    setOpen(!isOpen());
  });
  button.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      setOpen(!isOpen());
    }
  });
  document.addEventListener("keydown", (event) => {
    if (!isOpen() || !shown(button)) {
      return;
    }
    if (event.key === "Escape") {
      setOpen(false);
      button.focus();
    } else if (event.key === "Tab") {
      const all = stops();
      const first = all[0];
      const last = all[all.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });
});

// The user menu (a <details>): Escape closes it and gives focus back to its summary; a click elsewhere closes it.
document.addEventListener("DOMContentLoaded", () => {
  const userMenu = document.querySelector(".user-menu");
  if (!userMenu) {
    return;
  }
  userMenu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && userMenu.open) {
      event.stopPropagation();
      userMenu.open = false;
      userMenu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (userMenu.open && !userMenu.contains(event.target)) {
      userMenu.open = false;
    }
  });
});

// @mentions in a post's text: after "@" and two letters, a list of the professionals whose handle or name starts
// so (typing the whole handle works without it). The combobox pattern: the text field keeps focus and points at
// the chosen option with aria-activedescendant; the arrow keys choose, Enter or Tab picks, Escape closes; how
// many were found is read out. (A text area is a textbox, which takes aria-activedescendant and
// aria-autocomplete but not aria-expanded.)
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("textarea[data-mentions]").forEach((area) => {
    const list = document.createElement("ul");
    list.id = `${area.id}-mentions`;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", area.dataset.mentionsLabel);
    list.hidden = true;
    const status = document.createElement("p");
    status.className = "ds-sr-only";
    status.setAttribute("role", "status");
    area.after(list, status);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-controls", list.id);
    let people = [];
    let active = -1;
    let start = -1;
    let timer;
    let asked = 0;

    const close = () => {
      asked += 1; // an answer still on its way opens nothing
      list.hidden = true;
      list.replaceChildren();
      people = [];
      active = -1;
      area.removeAttribute("aria-activedescendant");
    };
    const choose = (index) => {
      active = index;
      list.querySelectorAll("[role=option]").forEach((option, i) => {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      area.setAttribute("aria-activedescendant", `${list.id}-${index}`);
    };
    const pick = (index) => {
      const end = area.selectionStart;
      const text = `@${people[index].handle} `;
      area.value = area.value.slice(0, start) + text + area.value.slice(end);
      area.setSelectionRange(start + text.length, start + text.length);
      close();
      area.focus();
    };
    const show = (found) => {
      people = found;
      if (!people.length) {
        close();
        status.textContent = area.dataset.mentionsNone;
        return;
      }
      list.replaceChildren(
        ...people.map((person, index) => {
          const option = document.createElement("li");
          option.id = `${list.id}-${index}`;
          option.setAttribute("role", "option");
          const name = document.createElement("strong");
          name.textContent = `@${person.handle}`;
          const who = document.createElement("span");
          who.textContent = person.line ? ` ${person.name} · ${person.line}` : ` ${person.name}`;
          option.append(name, who);
          option.addEventListener("mousedown", (event) => {
            event.preventDefault();
            pick(index);
          });
          return option;
        }),
      );
      list.hidden = false;
      list.scrollIntoView({ block: "nearest" });
      choose(0);
      status.textContent = area.dataset.mentionsFound.replace("{count}", people.length);
    };

    area.addEventListener("input", () => {
      const before = area.value.slice(0, area.selectionStart);
      const typed = before.match(/(?:^|[\s(>])@([a-z0-9._-]{2,30})$/i);
      clearTimeout(timer);
      if (!typed) {
        close();
        return;
      }
      start = area.selectionStart - typed[1].length - 1;
      const question = ++asked;
      timer = setTimeout(async () => {
        const url = `${area.dataset.mentions}?q=${encodeURIComponent(typed[1])}`;
        const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
        if (response.ok && question === asked) {
          show((await response.json()).results);
        }
      }, 150);
    });
    area.addEventListener("keydown", (event) => {
      if (list.hidden) {
        return;
      }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        choose((active + step + people.length) % people.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    });
    area.addEventListener("blur", close);
  });
});
