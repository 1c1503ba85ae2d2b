//! Who is asking: the key that throttles count a client by.
//!
//! The peer address, unless the peer is one of the configured reverse proxies: then the
//! right-most address of `X-Forwarded-For` that is not a trusted proxy (everything to
//! its left was written by the client and proves nothing). IPv6 clients are counted by
//! their /64, the block one subscriber usually holds.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use app::request::{ClientAddress, ClientKey};
use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

/// Puts the request's [`ClientKey`] and [`ClientAddress`] into its extensions.
pub async fn identify(trusted: Arc<[IpNet]>, request: Request, next: Next) -> Response {
    // Through the extractor, which also knows the address tests mock.
    let (mut parts, body) = request.into_parts();
    let peer = ConnectInfo::<SocketAddr>::from_request_parts(&mut parts, &())
        .await
        .ok()
        .map(|ConnectInfo(addr)| addr.ip());
    let mut request = Request::from_parts(parts, body);
    let forwarded_for = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let client = peer.map(|peer| client_address(peer, &forwarded_for, &trusted));
    let key = client.map_or_else(|| "unknown".to_owned(), key_of);
    request.extensions_mut().insert(ClientKey(key));
    if let Some(client) = client {
        request
            .extensions_mut()
            .insert(ClientAddress(client.to_string()));
    }
    next.run(request).await
}

/// The client's address as far as the trusted proxies vouch for it.
pub fn client_address(peer: IpAddr, forwarded_for: &str, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer;
    for hop in forwarded_for.rsplit(',') {
        if !is_trusted(&client) {
            break;
        }
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => client = ip,
            // Garbage right of any untrusted hop: the proxy we trust is the last we know.
            Err(_) => break,
        }
    }
    client
}

/// The throttling key of an address: IPv4 as it is, IPv6 by its /64.
pub fn key_of(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let [a, b, c, d, ..] = v6.segments();
                format!("{}/64", Ipv6Addr::new(a, b, c, d, 0, 0, 0, 0))
            }
        },
    }
}

/// Parses `SHUSHANG_TRUSTED_PROXIES` entries: an address or a network in CIDR notation.
pub fn parse_proxy(entry: &str) -> Result<IpNet, String> {
    let entry = entry.trim();
    entry
        .parse::<IpNet>()
        .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("not an address or network: {entry:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    fn nets(entries: &[&str]) -> Vec<IpNet> {
        entries
            .iter()
            .map(|e| parse_proxy(e).expect("net"))
            .collect()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let trusted = nets(&["10.0.0.1"]);
        assert_eq!(
            client_address(ip("198.51.100.9"), "1.2.3.4", &trusted),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client() {
        let trusted = nets(&["10.0.0.0/8"]);
        // The client forged 6.6.6.6; the edge proxy appended the real 198.51.100.9,
        // and an inner proxy appended the edge proxy.
        let forwarded = "6.6.6.6, 198.51.100.9, 10.1.1.1";
        assert_eq!(
            client_address(ip("10.0.0.1"), forwarded, &trusted),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn a_trusted_peer_without_the_header_or_with_garbage_is_itself() {
        let trusted = nets(&["10.0.0.1"]);
        assert_eq!(client_address(ip("10.0.0.1"), "", &trusted), ip("10.0.0.1"));
        assert_eq!(
            client_address(ip("10.0.0.1"), "not-an-ip", &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_and_mapped_ipv4_as_ipv4() {
        assert_eq!(key_of(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(
            key_of(ip("2001:db8:1:2:aaaa::1")),
            key_of(ip("2001:db8:1:2:ffff::9"))
        );
        assert_eq!(key_of(ip("::ffff:192.0.2.1")), "192.0.2.1");
        assert_eq!(key_of(ip("192.0.2.1")), "192.0.2.1");
    }

    #[test]
    fn proxies_are_addresses_or_networks() {
        assert!(parse_proxy("10.0.0.1").is_ok());
        assert!(parse_proxy("10.0.0.0/8").is_ok());
        assert!(parse_proxy("::1").is_ok());
        assert!(parse_proxy("proxy.local").is_err());
    }
}
