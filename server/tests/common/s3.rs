//! An S3 service for tests: s3s-fs answers the S3 protocol (signatures checked, multipart
//! uploads, aborts) over a temporary folder, on a free local port.

use std::path::PathBuf;

use hyper_util::rt::{TokioExecutor, TokioIo};
use object_store::aws::AmazonS3Builder;

const ACCESS_KEY: &str = "shushang-test";
const SECRET_KEY: &str = "shushang-test-secret";

pub struct S3Server {
    /// The folder the service keeps its buckets in, one folder each.
    pub root: PathBuf,
    endpoint: String,
}

impl S3Server {
    /// A running service with one empty bucket, `bucket`.
    pub async fn start(bucket: &str) -> Self {
        let root = std::env::temp_dir().join(format!("shushang-test-s3-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(root.join(bucket)).expect("a bucket folder");
        let mut service = s3s::service::S3ServiceBuilder::new(
            s3s_fs::FileSystem::new(&root).expect("an S3 folder"),
        );
        service.set_auth(s3s::auth::SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
        let service = service.build();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port");
        let endpoint = format!("http://{}", listener.local_addr().expect("an address"));
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let service = service.clone();
                tokio::spawn(async move {
                    let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(socket), service)
                        .await;
                });
            }
        });
        Self { root, endpoint }
    }

    /// The store the server makes of `url` (`s3://bucket/prefix`) with this service's
    /// address and keys, as `AWS_ENDPOINT`, `AWS_ALLOW_HTTP` and the key variables give
    /// them in production.
    pub fn store(&self, url: &str) -> server::files::Files {
        let builder = AmazonS3Builder::new()
            .with_endpoint(&self.endpoint)
            .with_allow_http(true)
            .with_region("us-east-1")
            .with_access_key_id(ACCESS_KEY)
            .with_secret_access_key(SECRET_KEY);
        server::files::s3(url, builder).expect("an S3 store")
    }

    /// Multipart uploads begun and neither completed nor aborted.
    pub fn unfinished_uploads(&self) -> usize {
        std::fs::read_dir(&self.root)
            .expect("the S3 folder")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".upload"))
            .count()
    }
}
