//! Forms that answer in place. [`LiveForm`] wraps a server-rendered form (a
//! [`PostForm`](super::form::PostForm)); once the bundle has loaded, submitting it posts
//! in the background the way the browser would. When the server refuses, its answer is
//! the same page with the form rendered again — each message beside its field, what was
//! typed given back — and that form replaces this one in place, keeping what the server
//! never echoes (passwords). Any other answer is a page the browser then opens. Without
//! JavaScript the form is the plain form it always was.
//!
//! One island serves every form: the bundle carries no form's fields, messages or
//! translations (the server renders them, in the reader's language), so it does not grow
//! as forms are added. It listens once, on the document, for the submission of any form
//! inside a `.live-form`: forms the server sends later (a page's main part swapped in)
//! are live too. While one post is on its way, or its next page is loading, the page
//! takes no other: a second click would otherwise be lost to the first one's navigation.

use leptos::prelude::*;

/// The request header of a background post; the server then answers a redirect with
/// `204`, its target in [`LIVE_LOCATION`], and [`LIVE_REFUSED`] when it carries a verdict.
pub const LIVE_FORM: &str = "x-live-form";
pub const LIVE_LOCATION: &str = "x-live-location";
pub const LIVE_REFUSED: &str = "x-live-refused";

/// A form whose refusals show without a page load. `children` is one `<form>`.
#[island]
pub fn LiveForm(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::listen();
    view! { <div class="live-form">{children()}</div> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;
    use std::time::Duration;

    use leptos::ev::SubmitEvent;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Document, DomParser, Element, Event, FormData, Headers, HtmlElement, HtmlFormElement,
        HtmlInputElement, RequestInit, Response, SupportedType, UrlSearchParams,
    };

    /// On the form being posted, and on the whole page while it is (`<html>`).
    const BUSY: &str = "aria-busy";
    /// How long a page that was told to open another may stay locked, should the other
    /// never come (a download, a navigation the browser dropped).
    const NAVIGATION_GRACE: Duration = Duration::from_secs(10);

    thread_local! {
        static LISTENING: Cell<bool> = const { Cell::new(false) };
    }

    /// Listens, once per page, for the submission of every live form, and for the page
    /// being shown again from the browser's back-forward cache (unlocked then).
    pub fn listen() {
        if LISTENING.with(|l| l.replace(true)) {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let on_submit = Closure::<dyn Fn(Event)>::new(|event: Event| {
            if let Ok(event) = event.dyn_into::<SubmitEvent>() {
                submit(event);
            }
        });
        let on_show = Closure::<dyn Fn(Event)>::new(|_: Event| unlock_page());
        let _ =
            window.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        let _ =
            window.add_event_listener_with_callback("pageshow", on_show.as_ref().unchecked_ref());
        // They live as long as the page.
        on_submit.forget();
        on_show.forget();
    }

    fn page() -> Option<Element> {
        web_sys::window()?.document()?.document_element()
    }

    fn lock_page(form: &HtmlFormElement) -> bool {
        let Some(root) = page() else { return false };
        if root.has_attribute(BUSY) {
            return false;
        }
        let _ = root.set_attribute(BUSY, "true");
        let _ = form.set_attribute(BUSY, "true");
        true
    }

    fn unlock_page() {
        if let Some(root) = page() {
            let _ = root.remove_attribute(BUSY);
            if let Ok(busy) = root.query_selector_all("form[aria-busy]") {
                for i in 0..busy.length() {
                    if let Some(form) = busy.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                        let _ = form.remove_attribute(BUSY);
                    }
                }
            }
        }
    }

    fn submit(event: SubmitEvent) {
        let Some(form) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        if !matches!(form.closest(".live-form"), Ok(Some(_))) {
            return; // a plain form (a search, the language switch)
        }
        event.prevent_default();
        if !lock_page(&form) {
            return; // one post at a time; the page shows it is busy
        }
        let submitter = event.submitter();
        leptos::task::spawn_local(async move {
            if post(&form, submitter).await.is_err() {
                // The background post failed (offline, a server gone): post it plainly,
                // so the person sees what the browser and server say.
                unlock_page();
                let _ = form.submit();
            }
        });
    }

    async fn post(form: &HtmlFormElement, submitter: Option<HtmlElement>) -> Result<(), JsValue> {
        let data = FormData::new_with_form(form)?;
        // The button pressed is part of the submission when it has a name.
        if let Some(button) = submitter
            && let Some(name) = button.get_attribute("name")
        {
            data.append_with_str(&name, &button.get_attribute("value").unwrap_or_default())?;
        }
        let body: JsValue = if form.enctype() == "multipart/form-data" {
            data.into()
        } else {
            UrlSearchParams::new_with_str_sequence_sequence(&data)?.into()
        };
        // Asked for a page, the server answers as it does a plain form post, but for its
        // redirect, which it names instead (`flash` in the server).
        let window = web_sys::window().ok_or("no window")?;
        let answer = fetch(&window, &form.action(), Some(&body)).await?;
        // The post was made: whatever happens next, it is never posted again.
        if follow(&window, form, &answer).await.is_err() {
            unlock_page();
        }
        Ok(())
    }

    /// Shows the answer to a background post: the refused form in place, or the page.
    async fn follow(
        window: &web_sys::Window,
        form: &HtmlFormElement,
        answer: &Response,
    ) -> Result<(), JsValue> {
        let named = answer.headers().get(super::LIVE_LOCATION)?;
        let Some(next) = named.filter(|_| answer.status() == 204) else {
            // A page of its own (an error page): shown as a plain post would show it.
            let html = text(answer).await?;
            page().ok_or("no document")?.set_inner_html(&html);
            unlock_page();
            return Ok(());
        };
        let here = web_sys::Url::new(&window.location().href()?)?;
        let target = web_sys::Url::new_with_base(&next, &here.href())?;
        let back_here = target.pathname() == here.pathname();
        if answer.headers().has(super::LIVE_REFUSED)? && back_here {
            // Anything amiss from here on, and the page is simply opened: the post was made.
            if let Ok(fresh) = refused_page(window, &next).await
                && show_refusal(window, form, &fresh).is_ok()
            {
                unlock_page();
                return Ok(());
            }
        }
        open(window, &here, &target)?;
        leptos::prelude::set_timeout(unlock_page, NAVIGATION_GRACE);
        Ok(())
    }

    /// Puts the server's refusal on the page: the refused form alone when everything it
    /// says is inside it, else the page's main part (a message above several forms).
    fn show_refusal(
        window: &web_sys::Window,
        form: &HtmlFormElement,
        fresh: &Document,
    ) -> Result<(), JsValue> {
        if let Some(fresh_form) = fresh_form(window, form, fresh)?
            && !alert_outside(fresh, &fresh_form)?
        {
            return swap(form, &fresh_form);
        }
        let document = window.document().ok_or("no document")?;
        match (
            document.query_selector("main")?,
            fresh.query_selector("main")?,
        ) {
            (Some(main), Some(fresh_main)) => swap(&main, &fresh_main),
            _ => Err("no main".into()),
        }
    }

    /// Whether the page shows an error that is not inside `form`.
    fn alert_outside(page: &Document, form: &Element) -> Result<bool, JsValue> {
        let alerts = page.query_selector_all("main .alert--error")?;
        Ok((0..alerts.length()).any(|i| alerts.item(i).is_some_and(|a| !form.contains(Some(&a)))))
    }

    /// Opens `target`. Where it is this very page (a new message's `#thread-end`), only
    /// its fragment differs, which browsers would just scroll to: it is loaded afresh.
    fn open(
        window: &web_sys::Window,
        here: &web_sys::Url,
        target: &web_sys::Url,
    ) -> Result<(), JsValue> {
        let location = window.location();
        if target.pathname() == here.pathname() && target.search() == here.search() {
            location.set_hash(&target.hash())?;
            location.reload()
        } else {
            location.assign(&target.href())
        }
    }

    async fn refused_page(window: &web_sys::Window, url: &str) -> Result<Document, JsValue> {
        let html = text(&fetch(window, url, None).await?).await?;
        DomParser::new()?.parse_from_string(&html, SupportedType::TextHtml)
    }

    /// A `POST` of `body` to `url`, or a `GET`, asking for a page.
    async fn fetch(
        window: &web_sys::Window,
        url: &str,
        body: Option<&JsValue>,
    ) -> Result<Response, JsValue> {
        let headers = Headers::new()?;
        headers.set("Accept", "text/html")?;
        let init = RequestInit::new();
        if let Some(body) = body {
            headers.set(super::LIVE_FORM, "1")?;
            init.set_method("POST");
            init.set_body(body);
        }
        init.set_headers(&headers);
        JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await?
            .dyn_into()
    }

    async fn text(response: &Response) -> Result<String, JsValue> {
        Ok(JsFuture::from(response.text()?)
            .await?
            .as_string()
            .unwrap_or_default())
    }

    /// In `page`, the server's rendering of `form` if it shows a refusal. A page may hold
    /// several forms posting to one action (one per order, say): it is the one at the
    /// same place among them.
    fn fresh_form(
        window: &web_sys::Window,
        form: &HtmlFormElement,
        page: &Document,
    ) -> Result<Option<Element>, JsValue> {
        let action = form.get_attribute("action").unwrap_or_default();
        let same_action = format!("form[action=\"{action}\"]");
        let ours = window
            .document()
            .ok_or("no document")?
            .query_selector_all(&same_action)?;
        let place = (0..ours.length())
            .find(|i| {
                ours.item(*i)
                    .is_some_and(|f| f.is_same_node(Some(form.as_ref())))
            })
            .unwrap_or(0);
        let fresh = page
            .query_selector_all(&same_action)?
            .item(place)
            .and_then(|node| node.dyn_into::<Element>().ok());
        Ok(match fresh {
            Some(fresh)
                if fresh
                    .query_selector(".alert--error, [aria-invalid=\"true\"]")?
                    .is_some() =>
            {
                Some(fresh)
            }
            _ => None,
        })
    }

    /// Puts the server's rendering in place of `here`'s content, gives back what the
    /// server does not echo (typed passwords), and takes the reader to the first refused
    /// field, or to the message.
    fn swap(here: &Element, fresh: &Element) -> Result<(), JsValue> {
        let kept = inputs(here, "input[type=\"password\"]")?
            .into_iter()
            .map(|input| (input.name(), input.value()))
            .collect::<Vec<_>>();
        here.set_inner_html(&fresh.inner_html());
        for input in inputs(here, "input[type=\"password\"]")? {
            if let Some((_, value)) = kept.iter().find(|(name, _)| *name == input.name()) {
                input.set_value(value);
            }
        }
        if let Some(first) = here.query_selector("[aria-invalid=\"true\"]")? {
            first.dyn_into::<HtmlElement>()?.focus()?;
        } else if let Some(alert) = here.query_selector(".alert--error")? {
            alert.scroll_into_view();
        }
        Ok(())
    }

    fn inputs(within: &Element, selector: &str) -> Result<Vec<HtmlInputElement>, JsValue> {
        let found = within.query_selector_all(selector)?;
        Ok((0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into().ok())
            .collect())
    }
}
