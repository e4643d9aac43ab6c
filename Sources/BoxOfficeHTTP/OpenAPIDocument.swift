/// The OpenAPI 3.1 description served at `GET /openapi.json`.
enum OpenAPIDocument {
    static let json = #"{"openapi":"3.1.0","info":{"title":"BoxOffice","version":"1.0.0"},"paths":{}}"#
}
