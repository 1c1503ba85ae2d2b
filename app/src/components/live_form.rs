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
//! as forms are added.

use leptos::prelude::*;

/// The request header of a background post; the server then answers a redirect with
/// `204`, its target in [`LIVE_LOCATION`], and [`LIVE_REFUSED`] when it carries a verdict.
pub const LIVE_FORM: &str = "x-live-form";
pub const LIVE_LOCATION: &str = "x-live-location";
pub const LIVE_REFUSED: &str = "x-live-refused";

/// A form whose refusals show without a page load. `children` is one `<form>`.
#[island]
pub fn LiveForm(children: Children) -> impl IntoView {
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        browser::submit(event);
        #[cfg(not(feature = "hydrate"))]
        let _ = event;
    };
    view! { <div class="live-form" on:submit=on_submit>{children()}</div> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::ev::SubmitEvent;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Document, DomParser, Element, FormData, Headers, HtmlElement, HtmlFormElement,
        HtmlInputElement, RequestInit, Response, SupportedType, UrlSearchParams,
    };

    const BUSY: &str = "aria-busy";

    pub fn submit(event: SubmitEvent) {
        let Some(form) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        event.prevent_default();
        if form.has_attribute(BUSY) {
            return; // one submission at a time
        }
        let _ = form.set_attribute(BUSY, "true");
        let submitter = event.submitter();
        leptos::task::spawn_local(async move {
            if post(&form, submitter).await.is_err() {
                // The background post failed (offline, a server gone): post it plainly,
                // so the person sees what the browser and server say.
                let _ = form.remove_attribute(BUSY);
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
            let _ = form.remove_attribute(BUSY);
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
            let root = window
                .document()
                .and_then(|d| d.document_element())
                .ok_or("no document")?;
            root.set_inner_html(&html);
            return Ok(());
        };
        let here = web_sys::Url::new(&window.location().href()?)?;
        let target = web_sys::Url::new_with_base(&next, &here.href())?;
        let back_here = target.pathname() == here.pathname();
        if answer.headers().has(super::LIVE_REFUSED)? && back_here {
            // Anything amiss from here on, and the page is simply opened: the post was made.
            if let Ok(page) = refused_page(window, &next).await {
                let shown = match fresh_form(window, form, &page) {
                    Ok(Some(fresh)) => swap(form, &fresh),
                    // The refusal shows elsewhere on the page (a message above several
                    // forms): the page's main part is replaced, its forms posting plainly.
                    _ => replace_main(window, &page),
                };
                if shown.is_ok() {
                    return Ok(());
                }
            }
        }
        open(window, &here, &target)
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

    fn replace_main(window: &web_sys::Window, page: &Document) -> Result<(), JsValue> {
        let document = window.document().ok_or("no document")?;
        let (Some(main), Some(fresh)) = (
            document.query_selector("main")?,
            page.query_selector("main")?,
        ) else {
            return Err("no main".into());
        };
        main.set_inner_html(&fresh.inner_html());
        if let Some(alert) = main.query_selector(".alert--error")? {
            alert.scroll_into_view();
        }
        Ok(())
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

    /// Puts the server's rendering of the form in place of `form`'s content, gives back
    /// what it does not echo, and takes the reader to the first refused field.
    fn swap(form: &HtmlFormElement, fresh: &Element) -> Result<(), JsValue> {
        let kept = inputs(form, "input[type=\"password\"]")?
            .into_iter()
            .map(|input| (input.name(), input.value()))
            .collect::<Vec<_>>();
        form.set_inner_html(&fresh.inner_html());
        for input in inputs(form, "input[type=\"password\"]")? {
            if let Some((_, value)) = kept.iter().find(|(name, _)| *name == input.name()) {
                input.set_value(value);
            }
        }
        form.remove_attribute(BUSY)?;
        if let Some(first) = form.query_selector("[aria-invalid=\"true\"]")? {
            first.dyn_into::<HtmlElement>()?.focus()?;
        }
        Ok(())
    }

    fn inputs(form: &HtmlFormElement, selector: &str) -> Result<Vec<HtmlInputElement>, JsValue> {
        let found = form.query_selector_all(selector)?;
        Ok((0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into().ok())
            .collect())
    }
}
