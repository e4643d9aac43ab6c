/// The OpenAPI 3.1 description served at `GET /openapi.json`.
///
/// `$ref` targets are written `\u0023/components/...` (the JSON escape for `#`) so that the
/// raw string never contains a quote followed by `#`.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "BoxOffice",
        "version": "1.0.0",
        "summary": "Ticket booking: browse events, hold seats, pay, get signed tickets.",
        "description": "Flow: browse `GET /api/v1/events`, read the seat map `GET /api/v1/events/{event_id}/seats`, hold with `POST /api/v1/reservations`, then pay with `POST /api/v1/reservations/{reservation_id}/confirm` before the hold lapses.\n\nJSON field names are snake_case; instants are ISO 8601 UTC (`2026-07-01T20:00:00Z`); ids are lower-case UUIDs; money is integer cents. Optional response fields are omitted when they have no value (except a ticket's `seat_id`, which is null for general admission).\n\nEvery error has the `Error` shape `{\"error\": CODE, \"message\": ...}` plus code-specific details. Besides the errors listed per operation, an unknown path answers `404 NOT_FOUND` and a wrong method `405 METHOD_NOT_ALLOWED`.\n\nAuthenticate with `Authorization: Bearer <token>` from register or login. Public routes ignore a bad token; routes that need an account answer 401 `UNAUTHORIZED`, `INVALID_TOKEN` or `TOKEN_EXPIRED`."
      },
      "tags": [
        {
          "name": "System",
          "description": "Health, this document, ticket-verification keys, the buyer page."
        },
        {
          "name": "Auth",
          "description": "Accounts and bearer tokens."
        },
        {
          "name": "Events",
          "description": "Browsing, creating events and seat maps."
        },
        {
          "name": "Reservations",
          "description": "Holding, paying for and cancelling."
        },
        {
          "name": "Tickets",
          "description": "Issued tickets."
        }
      ],
      "paths": {
        "/": {
          "get": {
            "tags": [
              "System"
            ],
            "operationId": "buyerHome",
            "summary": "Buyer web page",
            "description": "An HTML page for buyers: browse events, pick seats, hold and pay.",
            "responses": {
              "200": {
                "description": "The HTML page.",
                "content": {
                  "text/html": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        },
        "/healthz": {
          "get": {
            "tags": [
              "System"
            ],
            "operationId": "health",
            "summary": "Liveness check",
            "responses": {
              "200": {
                "description": "The server is up.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Health"
                    },
                    "examples": {
                      "ok": {
                        "value": {
                          "status": "ok"
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        },
        "/openapi.json": {
          "get": {
            "tags": [
              "System"
            ],
            "operationId": "openAPIDocument",
            "summary": "This OpenAPI 3.1 document",
            "responses": {
              "200": {
                "description": "The OpenAPI document.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/keys/tickets": {
          "get": {
            "tags": [
              "System"
            ],
            "operationId": "ticketKeys",
            "summary": "Public keys for verifying ticket QR codes",
            "description": "The Ed25519 public keys that sign ticket QR codes, so door scanners can verify tickets offline. Match a QR code's key id (its second dot-separated part) against `key_id`.",
            "responses": {
              "200": {
                "description": "The ticket-signing public keys.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/PublicKeys"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/auth/register": {
          "post": {
            "tags": [
              "Auth"
            ],
            "operationId": "register",
            "summary": "Create a customer account",
            "description": "Creates a `customer` account and signs it in. Staff accounts are created with the CLI.",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "\u0023/components/schemas/RegisterRequest"
                  },
                  "example": {
                    "email": "ada@example.com",
                    "password": "correct horse battery",
                    "name": "Ada Lovelace"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Account created; the session token is ready to use.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Session"
                    }
                  }
                }
              },
              "400": {
                "$ref": "\u0023/components/responses/InvalidJSON"
              },
              "409": {
                "description": "An account with this email already exists. Error codes: `EMAIL_TAKEN`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "EMAIL_TAKEN": {
                        "summary": "EMAIL_TAKEN",
                        "value": {
                          "error": "EMAIL_TAKEN",
                          "message": "An account with this email already exists"
                        }
                      }
                    }
                  }
                }
              },
              "413": {
                "$ref": "\u0023/components/responses/BodyTooLarge"
              },
              "422": {
                "description": "A field is missing or invalid. Error codes: `VALIDATION_ERROR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "VALIDATION_ERROR": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "email must be an email address",
                          "field": "email"
                        }
                      },
                      "VALIDATION_ERROR_PASSWORD": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "password must be 8 to 72 bytes long",
                          "field": "password"
                        }
                      },
                      "VALIDATION_ERROR_NAME": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "name is required",
                          "field": "name"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/auth/login": {
          "post": {
            "tags": [
              "Auth"
            ],
            "operationId": "login",
            "summary": "Sign in",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "\u0023/components/schemas/LoginRequest"
                  },
                  "example": {
                    "email": "ada@example.com",
                    "password": "correct horse battery"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Signed in.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Session"
                    }
                  }
                }
              },
              "400": {
                "$ref": "\u0023/components/responses/InvalidJSON"
              },
              "401": {
                "description": "Email or password is wrong. Error codes: `INVALID_CREDENTIALS`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "INVALID_CREDENTIALS": {
                        "summary": "INVALID_CREDENTIALS",
                        "value": {
                          "error": "INVALID_CREDENTIALS",
                          "message": "Email or password is wrong"
                        }
                      }
                    }
                  }
                }
              },
              "413": {
                "$ref": "\u0023/components/responses/BodyTooLarge"
              },
              "422": {
                "description": "A field is missing or has the wrong type. Error codes: `VALIDATION_ERROR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "VALIDATION_ERROR": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "password is required",
                          "field": "password"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/events": {
          "get": {
            "tags": [
              "Events"
            ],
            "operationId": "listEvents",
            "summary": "Browse events",
            "description": "Events ordered by start time, with live availability. Paginate with `next_cursor`.",
            "parameters": [
              {
                "name": "q",
                "in": "query",
                "required": false,
                "description": "Case-insensitive substring of the title or artist.",
                "schema": {
                  "type": "string"
                },
                "example": "aurora"
              },
              {
                "name": "category",
                "in": "query",
                "required": false,
                "description": "Exact category, case-insensitive.",
                "schema": {
                  "type": "string"
                },
                "example": "concert"
              },
              {
                "name": "city",
                "in": "query",
                "required": false,
                "description": "Exact venue city, case-insensitive.",
                "schema": {
                  "type": "string"
                },
                "example": "Chicago"
              },
              {
                "name": "artist",
                "in": "query",
                "required": false,
                "description": "Exact artist, case-insensitive.",
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "from",
                "in": "query",
                "required": false,
                "description": "Only events starting at or after this instant (date or date-time).",
                "schema": {
                  "type": "string",
                  "description": "An ISO 8601 date (`2026-07-01`, midnight UTC) or date-time (`2026-07-01T20:00:00Z`)."
                },
                "example": "2026-07-01"
              },
              {
                "name": "to",
                "in": "query",
                "required": false,
                "description": "Only events starting at or before this instant (date or date-time).",
                "schema": {
                  "type": "string",
                  "description": "An ISO 8601 date (`2026-07-01`, midnight UTC) or date-time (`2026-07-01T20:00:00Z`)."
                },
                "example": "2026-07-31T23:59:59Z"
              },
              {
                "name": "page_size",
                "in": "query",
                "required": false,
                "description": "Events per page.",
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100,
                  "default": 20
                }
              },
              {
                "name": "cursor",
                "in": "query",
                "required": false,
                "description": "The `next_cursor` of the previous page.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "A page of events.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/EventPage"
                    }
                  }
                }
              },
              "400": {
                "description": "The cursor is not one this server issued. Error codes: `INVALID_CURSOR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "INVALID_CURSOR": {
                        "summary": "INVALID_CURSOR",
                        "value": {
                          "error": "INVALID_CURSOR",
                          "message": "The cursor is not valid"
                        }
                      }
                    }
                  }
                }
              },
              "422": {
                "description": "A query parameter is out of range or malformed. Error codes: `VALIDATION_ERROR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "VALIDATION_ERROR": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "page_size must be between 1 and 100",
                          "field": "page_size"
                        }
                      },
                      "VALIDATION_ERROR_FROM": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "from must be an ISO 8601 date or date-time",
                          "field": "from"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          },
          "post": {
            "tags": [
              "Events"
            ],
            "operationId": "createEvent",
            "summary": "Create an event (organizer or admin)",
            "description": "Creates an event with its venue, sections and numbered seats in one transaction.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "\u0023/components/schemas/CreateEventRequest"
                  },
                  "example": {
                    "title": "Aurora Lights — Stadium Tour",
                    "artist": "Aurora Lights",
                    "category": "concert",
                    "venue": {
                      "name": "Lakeside Stadium",
                      "city": "Chicago"
                    },
                    "starts_at": "2026-07-01T20:00:00Z",
                    "sale_starts_at": "2026-06-01T10:00:00Z",
                    "hold_duration_minutes": 10,
                    "max_tickets_per_user": 8,
                    "sections": [
                      {
                        "name": "Floor VIP",
                        "kind": "seated",
                        "price_cents": 45000,
                        "rows": [
                          {
                            "label": "A",
                            "seats": 20
                          },
                          {
                            "label": "B",
                            "seats": 20
                          }
                        ]
                      },
                      {
                        "name": "Standing",
                        "kind": "general_admission",
                        "price_cents": 8500,
                        "capacity": 500
                      }
                    ]
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The created event.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Event"
                    }
                  }
                }
              },
              "400": {
                "$ref": "\u0023/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "403": {
                "description": "Only organizers and admins may create events. Error codes: `FORBIDDEN`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "FORBIDDEN": {
                        "summary": "FORBIDDEN",
                        "value": {
                          "error": "FORBIDDEN",
                          "message": "Your account may not do this"
                        }
                      }
                    }
                  }
                }
              },
              "413": {
                "$ref": "\u0023/components/responses/BodyTooLarge"
              },
              "422": {
                "description": "A field is missing or breaks a rule. Error codes: `VALIDATION_ERROR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "VALIDATION_ERROR": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "title must not be empty",
                          "field": "title"
                        }
                      },
                      "VALIDATION_ERROR_SALE_STARTS_AT": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "sale_starts_at must not be after starts_at",
                          "field": "sale_starts_at"
                        }
                      },
                      "VALIDATION_ERROR_SECTIONS_0_ROWS_1_LABEL": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "sections[0].rows[1].label row labels must be unique within a section",
                          "field": "sections[0].rows[1].label"
                        }
                      },
                      "VALIDATION_ERROR_STARTS_AT": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "starts_at expected an ISO 8601 date-time such as 2026-07-01T20:00:00Z",
                          "field": "starts_at"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/events/{event_id}": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/EventId"
            }
          ],
          "get": {
            "tags": [
              "Events"
            ],
            "operationId": "getEvent",
            "summary": "One event with live availability",
            "responses": {
              "200": {
                "description": "The event.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Event"
                    }
                  }
                }
              },
              "404": {
                "description": "No event has this id. Error codes: `EVENT_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "EVENT_NOT_FOUND": {
                        "summary": "EVENT_NOT_FOUND",
                        "value": {
                          "error": "EVENT_NOT_FOUND",
                          "message": "No such event"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/events/{event_id}/seats": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/EventId"
            }
          ],
          "get": {
            "tags": [
              "Events"
            ],
            "operationId": "getSeatMap",
            "summary": "Seat map",
            "description": "Every seat of the event with its current status, by section. Supports conditional requests: send the last `ETag` in `If-None-Match` and get `304 Not Modified` while nothing visible has changed (including a hold lapsing).",
            "parameters": [
              {
                "name": "section",
                "in": "query",
                "required": false,
                "description": "Only this section, by section id or name (case-insensitive).",
                "schema": {
                  "type": "string"
                },
                "example": "Floor VIP"
              },
              {
                "name": "status",
                "in": "query",
                "required": false,
                "description": "Only seats with this status (case-insensitive).",
                "schema": {
                  "type": "string",
                  "enum": [
                    "AVAILABLE",
                    "HELD",
                    "SOLD",
                    "BLOCKED",
                    "available",
                    "held",
                    "sold",
                    "blocked"
                  ]
                },
                "example": "AVAILABLE"
              },
              {
                "name": "If-None-Match",
                "in": "header",
                "required": false,
                "description": "An ETag from an earlier response (or `*`); comma-separated list allowed.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "The seat map.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/SeatMap"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "\u0023/components/headers/ETag"
                  },
                  "Cache-Control": {
                    "$ref": "\u0023/components/headers/CacheControl"
                  }
                }
              },
              "304": {
                "description": "Not modified since the ETag in If-None-Match; no body.",
                "headers": {
                  "ETag": {
                    "$ref": "\u0023/components/headers/ETag"
                  },
                  "Cache-Control": {
                    "$ref": "\u0023/components/headers/CacheControl"
                  }
                }
              },
              "404": {
                "description": "No such event, or the `section` filter matches no section. Error codes: `EVENT_NOT_FOUND`, `SECTION_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "EVENT_NOT_FOUND": {
                        "summary": "EVENT_NOT_FOUND",
                        "value": {
                          "error": "EVENT_NOT_FOUND",
                          "message": "No such event"
                        }
                      },
                      "SECTION_NOT_FOUND": {
                        "summary": "SECTION_NOT_FOUND",
                        "value": {
                          "error": "SECTION_NOT_FOUND",
                          "message": "No section Balcony in this event"
                        }
                      }
                    }
                  }
                }
              },
              "422": {
                "description": "The `status` filter is not a seat status. Error codes: `VALIDATION_ERROR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "VALIDATION_ERROR": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "status must be one of AVAILABLE, HELD, SOLD, BLOCKED",
                          "field": "status"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/reservations": {
          "post": {
            "tags": [
              "Reservations"
            ],
            "operationId": "createReservation",
            "summary": "Hold seats or general-admission places",
            "description": "Holds the requested seats (or a quantity of general-admission places) for the signed-in buyer, all or nothing, until `held_until`. Confirm with `POST /api/v1/reservations/{reservation_id}/confirm` before then, or the places are released. A buyer may hold and own at most the event's `max_tickets_per_user` tickets. With `X-Idempotency-Key`, repeating the same request returns the original reservation (with `Idempotent-Replayed: true`) instead of holding again.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "parameters": [
              {
                "name": "X-Idempotency-Key",
                "in": "header",
                "required": false,
                "description": "Any 1 to 255 characters; reuse it only to retry the same request.",
                "schema": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 255
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "\u0023/components/schemas/CreateReservationRequest"
                  },
                  "examples": {
                    "seated": {
                      "summary": "Seated: specific seats",
                      "value": {
                        "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                        "seat_ids": [
                          "0b9f6c2e-7d41-4a8e-b3c5-9e2f1a6d8c71",
                          "5e3a1d7c-2b9f-4c6e-8a1d-3f7b9e2c4d82"
                        ],
                        "hold_duration_minutes": 10
                      }
                    },
                    "general_admission": {
                      "summary": "General admission: a quantity",
                      "value": {
                        "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                        "section_id": "c9e8d7f6-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
                        "quantity": 2
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Held (or replayed for a repeated idempotency key).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Reservation"
                    },
                    "examples": {
                      "held": {
                        "value": {
                          "reservation_id": "e4b2c8d6-9f1a-4b3c-8d5e-7a9c1e3f5b20",
                          "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                          "status": "HELD",
                          "seats": [
                            {
                              "seat_id": "0b9f6c2e-7d41-4a8e-b3c5-9e2f1a6d8c71",
                              "section_id": "a7d2e4c1-5b3f-4e8a-9c6d-0f1e2d3c4b5a",
                              "row": "A",
                              "number": 1,
                              "price_cents": 45000
                            },
                            {
                              "seat_id": "5e3a1d7c-2b9f-4c6e-8a1d-3f7b9e2c4d82",
                              "section_id": "a7d2e4c1-5b3f-4e8a-9c6d-0f1e2d3c4b5a",
                              "row": "A",
                              "number": 2,
                              "price_cents": 45000
                            }
                          ],
                          "quantity": 2,
                          "total_price_cents": 90000,
                          "held_until": "2026-06-01T10:10:00Z",
                          "created_at": "2026-06-01T10:00:00Z",
                          "checkout_url": "/checkout/e4b2c8d6-9f1a-4b3c-8d5e-7a9c1e3f5b20"
                        }
                      }
                    }
                  }
                },
                "headers": {
                  "Idempotent-Replayed": {
                    "$ref": "\u0023/components/headers/IdempotentReplayed"
                  }
                }
              },
              "400": {
                "$ref": "\u0023/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "403": {
                "description": "Tickets are not on sale: the sale has not started, or the event has started. Error codes: `SALE_NOT_STARTED`, `SALES_CLOSED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "SALE_NOT_STARTED": {
                        "summary": "SALE_NOT_STARTED",
                        "value": {
                          "error": "SALE_NOT_STARTED",
                          "message": "Tickets go on sale at 2026-06-01T10:00:00Z",
                          "sale_starts_at": "2026-06-01T10:00:00Z"
                        }
                      },
                      "SALES_CLOSED": {
                        "summary": "SALES_CLOSED",
                        "value": {
                          "error": "SALES_CLOSED",
                          "message": "Sales for this event have closed"
                        }
                      }
                    }
                  }
                }
              },
              "404": {
                "description": "No such event, or no such section in it (general admission). Error codes: `EVENT_NOT_FOUND`, `SECTION_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "EVENT_NOT_FOUND": {
                        "summary": "EVENT_NOT_FOUND",
                        "value": {
                          "error": "EVENT_NOT_FOUND",
                          "message": "No such event"
                        }
                      },
                      "SECTION_NOT_FOUND": {
                        "summary": "SECTION_NOT_FOUND",
                        "value": {
                          "error": "SECTION_NOT_FOUND",
                          "message": "No such section in this event"
                        }
                      }
                    }
                  }
                }
              },
              "409": {
                "description": "Some seats are held or sold by someone else (`unavailable_seats`), or the general-admission section has fewer places left than asked for (`available`). Nothing was held. Error codes: `SEATS_UNAVAILABLE`, `INSUFFICIENT_INVENTORY`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "SEATS_UNAVAILABLE": {
                        "summary": "SEATS_UNAVAILABLE",
                        "value": {
                          "error": "SEATS_UNAVAILABLE",
                          "message": "One or more selected seats are no longer available",
                          "unavailable_seats": [
                            "5e3a1d7c-2b9f-4c6e-8a1d-3f7b9e2c4d82"
                          ]
                        }
                      },
                      "INSUFFICIENT_INVENTORY": {
                        "summary": "INSUFFICIENT_INVENTORY",
                        "value": {
                          "error": "INSUFFICIENT_INVENTORY",
                          "message": "Only 3 tickets remain in this section",
                          "available": 3
                        }
                      }
                    }
                  }
                }
              },
              "413": {
                "$ref": "\u0023/components/responses/BodyTooLarge"
              },
              "422": {
                "description": "The request breaks a rule: over the per-buyer ticket limit (`limit`, `remaining`), seat ids not in this event (`invalid_seats`), a missing or invalid field (`field`), or an idempotency key reused with a different request. Error codes: `TICKET_LIMIT_EXCEEDED`, `INVALID_SEATS`, `VALIDATION_ERROR`, `IDEMPOTENCY_KEY_REUSED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "TICKET_LIMIT_EXCEEDED": {
                        "summary": "TICKET_LIMIT_EXCEEDED",
                        "value": {
                          "error": "TICKET_LIMIT_EXCEEDED",
                          "message": "This event allows 8 tickets per buyer; you may add 2 more",
                          "limit": 8,
                          "remaining": 2
                        }
                      },
                      "INVALID_SEATS": {
                        "summary": "INVALID_SEATS",
                        "value": {
                          "error": "INVALID_SEATS",
                          "message": "One or more seats do not exist in this event",
                          "invalid_seats": [
                            "00000000-0000-4000-8000-000000000000"
                          ]
                        }
                      },
                      "VALIDATION_ERROR": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "seat_ids is required (or section_id and quantity for general admission)",
                          "field": "seat_ids"
                        }
                      },
                      "VALIDATION_ERROR_QUANTITY": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "quantity must be at least 1",
                          "field": "quantity"
                        }
                      },
                      "VALIDATION_ERROR_HOLD_DURATION_MINUTES": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "hold_duration_minutes must be between 1 and 15",
                          "field": "hold_duration_minutes"
                        }
                      },
                      "VALIDATION_ERROR_SECTION_ID": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "section_id section is seated; choose seat_ids instead",
                          "field": "section_id"
                        }
                      },
                      "VALIDATION_ERROR_X-IDEMPOTENCY-KEY": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "X-Idempotency-Key must be 1 to 255 characters",
                          "field": "X-Idempotency-Key"
                        }
                      },
                      "IDEMPOTENCY_KEY_REUSED": {
                        "summary": "IDEMPOTENCY_KEY_REUSED",
                        "value": {
                          "error": "IDEMPOTENCY_KEY_REUSED",
                          "message": "This X-Idempotency-Key was used with a different request"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              },
              "429": {
                "description": "Too many inventory-changing requests from this account (or address); see `Retry-After`. Error codes: `RATE_LIMITED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "RATE_LIMITED": {
                        "summary": "RATE_LIMITED",
                        "value": {
                          "error": "RATE_LIMITED",
                          "message": "Too many requests; retry in 1 s",
                          "retry_after_seconds": 1
                        }
                      }
                    }
                  }
                },
                "headers": {
                  "Retry-After": {
                    "description": "Seconds to wait.",
                    "schema": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/reservations/{reservation_id}": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/ReservationId"
            }
          ],
          "get": {
            "tags": [
              "Reservations"
            ],
            "operationId": "getReservation",
            "summary": "One reservation",
            "description": "The buyer's own reservation; staff may read any.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The reservation.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Reservation"
                    }
                  }
                }
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "404": {
                "description": "No such reservation, or it belongs to someone else. Error codes: `RESERVATION_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "RESERVATION_NOT_FOUND": {
                        "summary": "RESERVATION_NOT_FOUND",
                        "value": {
                          "error": "RESERVATION_NOT_FOUND",
                          "message": "No such reservation"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          },
          "delete": {
            "tags": [
              "Reservations"
            ],
            "operationId": "cancelReservation",
            "summary": "Cancel a hold",
            "description": "Releases a HELD reservation of the buyer's own; its seats or places become available at once.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "Cancelled; the places are released.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Cancellation"
                    },
                    "examples": {
                      "cancelled": {
                        "value": {
                          "reservation_id": "e4b2c8d6-9f1a-4b3c-8d5e-7a9c1e3f5b20",
                          "status": "CANCELLED",
                          "seats_released": [
                            "0b9f6c2e-7d41-4a8e-b3c5-9e2f1a6d8c71",
                            "5e3a1d7c-2b9f-4c6e-8a1d-3f7b9e2c4d82"
                          ],
                          "quantity_released": 2
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "404": {
                "description": "No such reservation, or it belongs to someone else. Error codes: `RESERVATION_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "RESERVATION_NOT_FOUND": {
                        "summary": "RESERVATION_NOT_FOUND",
                        "value": {
                          "error": "RESERVATION_NOT_FOUND",
                          "message": "No such reservation"
                        }
                      }
                    }
                  }
                }
              },
              "409": {
                "description": "The reservation is no longer held (`status` tells its state). Error codes: `ALREADY_CONFIRMED`, `RESERVATION_CANCELLED`, `PAYMENT_IN_PROGRESS`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "ALREADY_CONFIRMED": {
                        "summary": "ALREADY_CONFIRMED",
                        "value": {
                          "error": "ALREADY_CONFIRMED",
                          "message": "The reservation is CONFIRMED",
                          "status": "CONFIRMED"
                        }
                      },
                      "RESERVATION_CANCELLED": {
                        "summary": "RESERVATION_CANCELLED",
                        "value": {
                          "error": "RESERVATION_CANCELLED",
                          "message": "The reservation is CANCELLED",
                          "status": "CANCELLED"
                        }
                      },
                      "PAYMENT_IN_PROGRESS": {
                        "summary": "PAYMENT_IN_PROGRESS",
                        "value": {
                          "error": "PAYMENT_IN_PROGRESS",
                          "message": "The reservation is PAYMENT_PENDING",
                          "status": "PAYMENT_PENDING"
                        }
                      }
                    }
                  }
                }
              },
              "410": {
                "description": "The hold has already lapsed. Error codes: `HOLD_EXPIRED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "HOLD_EXPIRED": {
                        "summary": "HOLD_EXPIRED",
                        "value": {
                          "error": "HOLD_EXPIRED",
                          "message": "The hold on this reservation has expired"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              },
              "429": {
                "description": "Too many inventory-changing requests from this account (or address); see `Retry-After`. Error codes: `RATE_LIMITED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "RATE_LIMITED": {
                        "summary": "RATE_LIMITED",
                        "value": {
                          "error": "RATE_LIMITED",
                          "message": "Too many requests; retry in 1 s",
                          "retry_after_seconds": 1
                        }
                      }
                    }
                  }
                },
                "headers": {
                  "Retry-After": {
                    "description": "Seconds to wait.",
                    "schema": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/reservations/{reservation_id}/tickets": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/ReservationId"
            }
          ],
          "get": {
            "tags": [
              "Reservations",
              "Tickets"
            ],
            "operationId": "getReservationTickets",
            "summary": "Tickets of a reservation",
            "description": "Empty until the reservation is confirmed. The buyer's own reservation; staff may read any.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The reservation's tickets.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/TicketList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "404": {
                "description": "No such reservation, or it belongs to someone else. Error codes: `RESERVATION_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "RESERVATION_NOT_FOUND": {
                        "summary": "RESERVATION_NOT_FOUND",
                        "value": {
                          "error": "RESERVATION_NOT_FOUND",
                          "message": "No such reservation"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/reservations/{reservation_id}/confirm": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/ReservationId"
            }
          ],
          "post": {
            "tags": [
              "Reservations"
            ],
            "operationId": "confirmReservation",
            "summary": "Pay for a hold and issue tickets",
            "description": "Charges the buyer's payment method for a HELD reservation of their own and issues one signed ticket per seat or place.\n\nThe built-in test gateway is deterministic by `payment_method_id`:\n- `pm_card_visa` succeeds (as do `pm_card_mastercard`, `pm_card_amex`, `pm_card_discover`, `pm_card_visa_debit`);\n- `pm_card_chargeDeclined` declines (as do `pm_card_insufficientFunds`, `pm_card_expired` and any unknown method).\n\nA decline answers `402 PAYMENT_FAILED` and releases the hold (the reservation becomes CANCELLED); hold again to retry. While a payment is being processed, other attempts answer `409 PAYMENT_IN_PROGRESS`.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "\u0023/components/schemas/ConfirmRequest"
                  },
                  "examples": {
                    "succeeds": {
                      "summary": "Test card that succeeds",
                      "value": {
                        "payment_method_id": "pm_card_visa"
                      }
                    },
                    "declines": {
                      "summary": "Test card that is declined",
                      "value": {
                        "payment_method_id": "pm_card_chargeDeclined"
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Paid; the tickets are issued.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Confirmation"
                    },
                    "examples": {
                      "confirmed": {
                        "value": {
                          "reservation_id": "e4b2c8d6-9f1a-4b3c-8d5e-7a9c1e3f5b20",
                          "status": "CONFIRMED",
                          "total_price_cents": 45000,
                          "payment_id": "pi_test_3b9d1c0e7f2a4b6c8d0e1f2a",
                          "tickets": [
                            {
                              "ticket_id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
                              "reservation_id": "e4b2c8d6-9f1a-4b3c-8d5e-7a9c1e3f5b20",
                              "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                              "section_id": "a7d2e4c1-5b3f-4e8a-9c6d-0f1e2d3c4b5a",
                              "seat_id": "0b9f6c2e-7d41-4a8e-b3c5-9e2f1a6d8c71",
                              "seat": "A1",
                              "holder_name": "Ada Lovelace",
                              "status": "ACTIVE",
                              "qr_code": "BO1.4f1e2d3c4b5a6978.eyJ0aWQiOiI5YThiN2M2ZCJ9.c2lnbmF0dXJl",
                              "issued_at": "2026-06-01T10:03:00Z"
                            }
                          ],
                          "receipt_url": "/receipts/e4b2c8d6-9f1a-4b3c-8d5e-7a9c1e3f5b20"
                        }
                      }
                    }
                  }
                }
              },
              "400": {
                "$ref": "\u0023/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "402": {
                "description": "The payment was declined; the hold was released and the reservation is CANCELLED. Error codes: `PAYMENT_FAILED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "PAYMENT_FAILED": {
                        "summary": "PAYMENT_FAILED",
                        "value": {
                          "error": "PAYMENT_FAILED",
                          "message": "Payment failed: Your card was declined. The hold was released."
                        }
                      }
                    }
                  }
                }
              },
              "404": {
                "description": "No such reservation, or it belongs to someone else. Error codes: `RESERVATION_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "RESERVATION_NOT_FOUND": {
                        "summary": "RESERVATION_NOT_FOUND",
                        "value": {
                          "error": "RESERVATION_NOT_FOUND",
                          "message": "No such reservation"
                        }
                      }
                    }
                  }
                }
              },
              "409": {
                "description": "The reservation cannot be paid in its current state (`status` tells which). Error codes: `ALREADY_CONFIRMED`, `RESERVATION_CANCELLED`, `PAYMENT_IN_PROGRESS`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "ALREADY_CONFIRMED": {
                        "summary": "ALREADY_CONFIRMED",
                        "value": {
                          "error": "ALREADY_CONFIRMED",
                          "message": "The reservation is CONFIRMED",
                          "status": "CONFIRMED"
                        }
                      },
                      "RESERVATION_CANCELLED": {
                        "summary": "RESERVATION_CANCELLED",
                        "value": {
                          "error": "RESERVATION_CANCELLED",
                          "message": "The reservation is CANCELLED",
                          "status": "CANCELLED"
                        }
                      },
                      "PAYMENT_IN_PROGRESS": {
                        "summary": "PAYMENT_IN_PROGRESS",
                        "value": {
                          "error": "PAYMENT_IN_PROGRESS",
                          "message": "The reservation is PAYMENT_PENDING",
                          "status": "PAYMENT_PENDING"
                        }
                      }
                    }
                  }
                }
              },
              "410": {
                "description": "The hold lapsed before payment; hold again. Error codes: `HOLD_EXPIRED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "HOLD_EXPIRED": {
                        "summary": "HOLD_EXPIRED",
                        "value": {
                          "error": "HOLD_EXPIRED",
                          "message": "The hold on this reservation has expired"
                        }
                      }
                    }
                  }
                }
              },
              "413": {
                "$ref": "\u0023/components/responses/BodyTooLarge"
              },
              "422": {
                "description": "`payment_method_id` is missing or empty. Error codes: `VALIDATION_ERROR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "VALIDATION_ERROR": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "payment_method_id must not be empty",
                          "field": "payment_method_id"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              },
              "429": {
                "description": "Too many inventory-changing requests from this account (or address); see `Retry-After`. Error codes: `RATE_LIMITED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "RATE_LIMITED": {
                        "summary": "RATE_LIMITED",
                        "value": {
                          "error": "RATE_LIMITED",
                          "message": "Too many requests; retry in 1 s",
                          "retry_after_seconds": 1
                        }
                      }
                    }
                  }
                },
                "headers": {
                  "Retry-After": {
                    "description": "Seconds to wait.",
                    "schema": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/me/tickets": {
          "get": {
            "tags": [
              "Tickets"
            ],
            "operationId": "listMyTickets",
            "summary": "The signed-in buyer's tickets",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The buyer's tickets.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/TicketList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/tickets/{ticket_id}": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/TicketId"
            }
          ],
          "get": {
            "tags": [
              "Tickets"
            ],
            "operationId": "getTicket",
            "summary": "One ticket",
            "description": "The buyer's own ticket; staff may read any.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The ticket.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Ticket"
                    }
                  }
                }
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "404": {
                "description": "No such ticket, or it belongs to someone else. Error codes: `TICKET_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "TICKET_NOT_FOUND": {
                        "summary": "TICKET_NOT_FOUND",
                        "value": {
                          "error": "TICKET_NOT_FOUND",
                          "message": "No such ticket"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/tickets/{ticket_id}/qr.svg": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/TicketId"
            }
          ],
          "get": {
            "tags": [
              "Tickets"
            ],
            "operationId": "ticketQRSVG",
            "summary": "The ticket's QR code as SVG",
            "description": "A QR code (libqrencode, error correction M) of the ticket's signed `qr_code` payload. Owner or staff only.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The image.",
                "content": {
                  "image/svg+xml": {
                    "schema": {
                      "type": "string",
                      "format": "binary"
                    }
                  }
                }
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "404": {
                "description": "No such ticket, or it belongs to someone else. Error codes: `TICKET_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "TICKET_NOT_FOUND": {
                        "summary": "TICKET_NOT_FOUND",
                        "value": {
                          "error": "TICKET_NOT_FOUND",
                          "message": "No such ticket"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/tickets/{ticket_id}/qr.png": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/TicketId"
            }
          ],
          "get": {
            "tags": [
              "Tickets"
            ],
            "operationId": "ticketQRPNG",
            "summary": "The ticket's QR code as PNG",
            "description": "A QR code (libqrencode, error correction M) of the ticket's signed `qr_code` payload. Owner or staff only.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The image.",
                "content": {
                  "image/png": {
                    "schema": {
                      "type": "string",
                      "format": "binary"
                    }
                  }
                }
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "404": {
                "description": "No such ticket, or it belongs to someone else. Error codes: `TICKET_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "TICKET_NOT_FOUND": {
                        "summary": "TICKET_NOT_FOUND",
                        "value": {
                          "error": "TICKET_NOT_FOUND",
                          "message": "No such ticket"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/checkin": {
          "post": {
            "tags": [
              "Tickets"
            ],
            "operationId": "checkIn",
            "summary": "Check a ticket in at the door",
            "description": "Scanner and admin accounts at any event; organizers at their own events. Two scanners racing on one ticket: exactly one gets VALID.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "\u0023/components/schemas/CheckInRequest"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "What the door learns from the scan.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/CheckInResult"
                    }
                  }
                }
              },
              "400": {
                "$ref": "\u0023/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "403": {
                "description": "Buyers, and organizers at other organizers' events, may not check in. Error codes: `FORBIDDEN`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "FORBIDDEN": {
                        "summary": "FORBIDDEN",
                        "value": {
                          "error": "FORBIDDEN",
                          "message": "Your account may not do this"
                        }
                      }
                    }
                  }
                }
              },
              "404": {
                "description": "No event has this id. Error codes: `EVENT_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "EVENT_NOT_FOUND": {
                        "summary": "EVENT_NOT_FOUND",
                        "value": {
                          "error": "EVENT_NOT_FOUND",
                          "message": "No such event"
                        }
                      }
                    }
                  }
                }
              },
              "422": {
                "description": "A field is missing or has the wrong type. Error codes: `VALIDATION_ERROR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "VALIDATION_ERROR": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "email is required",
                          "field": "email"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              },
              "429": {
                "description": "Too many inventory-changing requests from this account (or address); see `Retry-After`. Error codes: `RATE_LIMITED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "RATE_LIMITED": {
                        "summary": "RATE_LIMITED",
                        "value": {
                          "error": "RATE_LIMITED",
                          "message": "Too many requests; retry in 1 s",
                          "retry_after_seconds": 1
                        }
                      }
                    }
                  }
                },
                "headers": {
                  "Retry-After": {
                    "description": "Seconds to wait.",
                    "schema": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          }
        },
        "/tickets/{ticket_id}": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/TicketId"
            },
            {
              "name": "sig",
              "in": "query",
              "required": false,
              "schema": {
                "type": "string"
              },
              "description": "The signature from the ticket's `page_url`; without it the owner's bearer token is needed."
            }
          ],
          "get": {
            "tags": [
              "Tickets"
            ],
            "operationId": "ticketPage",
            "summary": "Printable ticket page (HTML)",
            "description": "Event, date, venue, section, row and seat (or general admission), holder and the QR code.",
            "responses": {
              "200": {
                "description": "The page.",
                "content": {
                  "text/html": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "404": {
                "description": "No such ticket, a wrong signature, or not the owner's. Error codes: `TICKET_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "TICKET_NOT_FOUND": {
                        "summary": "TICKET_NOT_FOUND",
                        "value": {
                          "error": "TICKET_NOT_FOUND",
                          "message": "No such ticket"
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/checkin/batch": {
          "post": {
            "tags": [
              "Tickets"
            ],
            "operationId": "checkInBatch",
            "summary": "Upload scans made offline",
            "description": "Applied in the order they were scanned: the first scan of a ticket wins, even over one recorded online later; every scan of a ticket scanned more than once is reported as a conflict.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "\u0023/components/schemas/CheckInBatch"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The answer for each scan.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/CheckInBatchResult"
                    }
                  }
                }
              },
              "400": {
                "$ref": "\u0023/components/responses/InvalidJSON"
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "403": {
                "description": "Not door staff for this event. Error codes: `FORBIDDEN`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "FORBIDDEN": {
                        "summary": "FORBIDDEN",
                        "value": {
                          "error": "FORBIDDEN",
                          "message": "Your account may not do this"
                        }
                      }
                    }
                  }
                }
              },
              "404": {
                "description": "No event has this id. Error codes: `EVENT_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "EVENT_NOT_FOUND": {
                        "summary": "EVENT_NOT_FOUND",
                        "value": {
                          "error": "EVENT_NOT_FOUND",
                          "message": "No such event"
                        }
                      }
                    }
                  }
                }
              },
              "422": {
                "description": "A field is missing or has the wrong type. Error codes: `VALIDATION_ERROR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "VALIDATION_ERROR": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "email is required",
                          "field": "email"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              },
              "429": {
                "description": "Too many inventory-changing requests from this account (or address); see `Retry-After`. Error codes: `RATE_LIMITED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "RATE_LIMITED": {
                        "summary": "RATE_LIMITED",
                        "value": {
                          "error": "RATE_LIMITED",
                          "message": "Too many requests; retry in 1 s",
                          "retry_after_seconds": 1
                        }
                      }
                    }
                  }
                },
                "headers": {
                  "Retry-After": {
                    "description": "Seconds to wait.",
                    "schema": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/events/{event_id}/checkin-list": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/EventId"
            },
            {
              "name": "cursor",
              "in": "query",
              "required": false,
              "schema": {
                "type": "string"
              }
            }
          ],
          "get": {
            "tags": [
              "Tickets"
            ],
            "operationId": "checkInList",
            "summary": "Tickets for an offline door",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "Valid, used and voided tickets changed since the cursor (all without one).",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/CheckInList"
                    }
                  }
                }
              },
              "400": {
                "description": "The cursor is not valid. Error codes: `INVALID_CURSOR`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "INVALID_CURSOR": {
                        "summary": "INVALID_CURSOR",
                        "value": {
                          "error": "INVALID_CURSOR",
                          "message": "The cursor is not valid"
                        }
                      }
                    }
                  }
                }
              },
              "401": {
                "$ref": "\u0023/components/responses/Unauthorized"
              },
              "403": {
                "description": "Not door staff for this event. Error codes: `FORBIDDEN`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "FORBIDDEN": {
                        "summary": "FORBIDDEN",
                        "value": {
                          "error": "FORBIDDEN",
                          "message": "Your account may not do this"
                        }
                      }
                    }
                  }
                }
              },
              "404": {
                "description": "No event has this id. Error codes: `EVENT_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "EVENT_NOT_FOUND": {
                        "summary": "EVENT_NOT_FOUND",
                        "value": {
                          "error": "EVENT_NOT_FOUND",
                          "message": "No such event"
                        }
                      }
                    }
                  }
                }
              },
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/readyz": {
          "get": {
            "tags": [
              "System"
            ],
            "operationId": "ready",
            "summary": "Readiness: the database answers",
            "responses": {
              "200": {
                "description": "Ready.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Health"
                    },
                    "examples": {
                      "ready": {
                        "value": {
                          "status": "ready"
                        }
                      }
                    }
                  }
                }
              },
              "503": {
                "description": "The database cannot be reached. Error codes: `DATABASE_UNAVAILABLE`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    }
                  }
                }
              }
            }
          }
        },
        "/metrics": {
          "get": {
            "tags": [
              "System"
            ],
            "operationId": "metrics",
            "summary": "Prometheus metrics (text exposition format)",
            "responses": {
              "200": {
                "description": "Metrics.",
                "content": {
                  "text/plain": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        }
      },
      "components": {
        "schemas": {
          "Error": {
            "type": "object",
            "description": "Every error response has this shape: a stable machine-readable `error` code and a human-readable `message`, plus detail fields that depend on the code.",
            "required": [
              "error",
              "message"
            ],
            "properties": {
              "error": {
                "type": "string",
                "description": "Stable error code, e.g. `SEATS_UNAVAILABLE`.",
                "examples": [
                  "SEATS_UNAVAILABLE"
                ]
              },
              "message": {
                "type": "string",
                "description": "Human-readable explanation; wording may change."
              },
              "unavailable_seats": {
                "type": "array",
                "items": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "`SEATS_UNAVAILABLE`: the requested seats that are held or sold by someone else."
              },
              "invalid_seats": {
                "type": "array",
                "items": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "`INVALID_SEATS`: the requested seat ids that do not exist in this event."
              },
              "available": {
                "type": "integer",
                "minimum": 0,
                "description": "`INSUFFICIENT_INVENTORY`: how many places the general-admission section has left."
              },
              "limit": {
                "type": "integer",
                "minimum": 1,
                "description": "`TICKET_LIMIT_EXCEEDED`: the event's maximum tickets per buyer."
              },
              "remaining": {
                "type": "integer",
                "minimum": 0,
                "description": "`TICKET_LIMIT_EXCEEDED`: how many more tickets this buyer may still hold or buy."
              },
              "field": {
                "type": "string",
                "description": "`VALIDATION_ERROR`: the offending field as a snake_case path, e.g. `email`, `sections[0].price_cents`, `seat_ids`, `page_size` or `X-Idempotency-Key`."
              },
              "status": {
                "allOf": [
                  {
                    "$ref": "\u0023/components/schemas/ReservationStatus"
                  }
                ],
                "description": "`ALREADY_CONFIRMED`, `RESERVATION_CANCELLED`, `PAYMENT_IN_PROGRESS` (and other state conflicts): the reservation's current status."
              },
              "sale_starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "`SALE_NOT_STARTED`: when tickets go on sale."
              },
              "retry_after_seconds": {
                "type": "integer",
                "description": "`RATE_LIMITED`: seconds to wait (also in `Retry-After`)."
              }
            }
          },
          "Health": {
            "type": "object",
            "required": [
              "status"
            ],
            "properties": {
              "status": {
                "type": "string",
                "enum": [
                  "ok",
                  "ready"
                ]
              }
            }
          },
          "PublicKey": {
            "type": "object",
            "required": [
              "key_id",
              "algorithm",
              "public_key"
            ],
            "properties": {
              "key_id": {
                "type": "string",
                "pattern": "^[0-9a-f]{16}$",
                "description": "First 8 bytes of the SHA-256 of the raw public key, as hex. Appears as the second part of every QR code.",
                "examples": [
                  "4f1e2d3c4b5a6978"
                ]
              },
              "algorithm": {
                "type": "string",
                "const": "Ed25519"
              },
              "public_key": {
                "type": "string",
                "contentEncoding": "base64",
                "description": "The raw 32-byte Ed25519 public key, standard base64."
              }
            }
          },
          "PublicKeys": {
            "type": "object",
            "required": [
              "keys"
            ],
            "properties": {
              "keys": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/PublicKey"
                }
              }
            }
          },
          "Role": {
            "type": "string",
            "enum": [
              "customer",
              "organizer",
              "scanner",
              "admin"
            ],
            "description": "What an account may do: customers buy; organizers create events; scanners check tickets in; admins may do everything. Staff (any role but customer) may read any reservation and ticket."
          },
          "RegisterRequest": {
            "type": "object",
            "required": [
              "email",
              "password",
              "name"
            ],
            "properties": {
              "email": {
                "type": "string",
                "format": "email",
                "maxLength": 254,
                "description": "Trimmed and lower-cased before it is stored.",
                "examples": [
                  "ada@example.com"
                ]
              },
              "password": {
                "type": "string",
                "minLength": 8,
                "maxLength": 72,
                "description": "8 to 72 bytes (UTF-8).",
                "examples": [
                  "correct horse battery"
                ]
              },
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "description": "Shown on tickets as the holder name (trimmed, 1 to 100 characters).",
                "examples": [
                  "Ada Lovelace"
                ]
              }
            }
          },
          "LoginRequest": {
            "type": "object",
            "required": [
              "email",
              "password"
            ],
            "properties": {
              "email": {
                "type": "string",
                "format": "email",
                "examples": [
                  "ada@example.com"
                ]
              },
              "password": {
                "type": "string",
                "examples": [
                  "correct horse battery"
                ]
              }
            }
          },
          "Session": {
            "type": "object",
            "required": [
              "user_id",
              "token",
              "role",
              "name"
            ],
            "properties": {
              "user_id": {
                "type": "string",
                "format": "uuid",
                "description": "The account's id.",
                "examples": [
                  "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a"
                ]
              },
              "token": {
                "type": "string",
                "description": "HS256 JWT; send it as `Authorization: Bearer <token>`. Valid for 24 hours by default."
              },
              "role": {
                "$ref": "\u0023/components/schemas/Role"
              },
              "name": {
                "type": "string"
              }
            }
          },
          "SectionKind": {
            "type": "string",
            "enum": [
              "seated",
              "general_admission"
            ],
            "description": "`seated`: individual numbered seats in rows. `general_admission`: a quantity of standing places."
          },
          "SeatStatus": {
            "type": "string",
            "enum": [
              "AVAILABLE",
              "HELD",
              "SOLD",
              "BLOCKED"
            ],
            "description": "A seat as a buyer sees it now; a hold whose time ran out already shows as AVAILABLE."
          },
          "ReservationStatus": {
            "type": "string",
            "enum": [
              "HELD",
              "PAYMENT_PENDING",
              "CONFIRMED",
              "EXPIRED",
              "CANCELLED"
            ],
            "description": "HELD -> PAYMENT_PENDING -> CONFIRMED, or HELD -> EXPIRED / CANCELLED. A declined payment moves PAYMENT_PENDING to CANCELLED."
          },
          "TicketStatus": {
            "type": "string",
            "enum": [
              "ACTIVE",
              "USED",
              "CANCELLED",
              "TRANSFERRED"
            ]
          },
          "EventStatus": {
            "type": "string",
            "enum": [
              "SCHEDULED",
              "ON_SALE",
              "SALES_CLOSED"
            ],
            "description": "`SCHEDULED`: sale_starts_at is in the future. `ON_SALE`: tickets can be held. `SALES_CLOSED`: the event has started."
          },
          "Venue": {
            "type": "object",
            "required": [
              "name",
              "city"
            ],
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "examples": [
                  "Lakeside Stadium"
                ]
              },
              "city": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "examples": [
                  "Chicago"
                ]
              }
            }
          },
          "RowInput": {
            "type": "object",
            "required": [
              "label",
              "seats"
            ],
            "properties": {
              "label": {
                "type": "string",
                "minLength": 1,
                "maxLength": 8,
                "description": "Row label, unique within its section (trimmed).",
                "examples": [
                  "A"
                ]
              },
              "seats": {
                "type": "integer",
                "minimum": 1,
                "maximum": 1000,
                "description": "Number of seats; they are numbered 1...seats.",
                "examples": [
                  20
                ]
              }
            }
          },
          "SectionInput": {
            "type": "object",
            "required": [
              "name",
              "price_cents"
            ],
            "description": "A seated section needs `rows` (its capacity is their sum; `capacity`, if given, must equal it). A general-admission section needs `capacity` and no rows. When `kind` is omitted it is `seated` if `rows` is present, otherwise `general_admission`.",
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "description": "Unique within the event (case-insensitive).",
                "examples": [
                  "Floor VIP"
                ]
              },
              "price_cents": {
                "type": "integer",
                "minimum": 0,
                "maximum": 100000000,
                "examples": [
                  45000
                ]
              },
              "kind": {
                "$ref": "\u0023/components/schemas/SectionKind"
              },
              "rows": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/RowInput"
                },
                "minItems": 1
              },
              "capacity": {
                "type": "integer",
                "minimum": 1,
                "maximum": 1000000
              }
            }
          },
          "CreateEventRequest": {
            "type": "object",
            "required": [
              "title",
              "artist",
              "category",
              "venue",
              "starts_at",
              "sections"
            ],
            "description": "At most 200,000 seats per event.",
            "properties": {
              "title": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "examples": [
                  "Aurora Lights — Stadium Tour"
                ]
              },
              "artist": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "examples": [
                  "Aurora Lights"
                ]
              },
              "category": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "examples": [
                  "concert"
                ]
              },
              "venue": {
                "$ref": "\u0023/components/schemas/Venue"
              },
              "starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the event starts; sales close at this instant.",
                "examples": [
                  "2026-07-01T20:00:00Z"
                ]
              },
              "sale_starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "When tickets go on sale; omit to sell immediately. Must not be after starts_at.",
                "examples": [
                  "2026-06-01T10:00:00Z"
                ]
              },
              "hold_duration_minutes": {
                "type": "integer",
                "minimum": 1,
                "maximum": 15,
                "default": 10,
                "description": "Default hold length for reservations of this event."
              },
              "max_tickets_per_user": {
                "type": "integer",
                "minimum": 1,
                "maximum": 100,
                "default": 8,
                "description": "How many tickets one buyer may hold and own for this event."
              },
              "sections": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/SectionInput"
                },
                "minItems": 1,
                "maxItems": 500
              }
            }
          },
          "SectionSummary": {
            "type": "object",
            "required": [
              "section_id",
              "name",
              "kind",
              "price_cents",
              "capacity",
              "available_count",
              "sold_count"
            ],
            "properties": {
              "section_id": {
                "type": "string",
                "format": "uuid",
                "examples": [
                  "a7d2e4c1-5b3f-4e8a-9c6d-0f1e2d3c4b5a"
                ]
              },
              "name": {
                "type": "string"
              },
              "kind": {
                "$ref": "\u0023/components/schemas/SectionKind"
              },
              "price_cents": {
                "type": "integer",
                "minimum": 0
              },
              "capacity": {
                "type": "integer",
                "minimum": 0
              },
              "available_count": {
                "type": "integer",
                "minimum": 0,
                "description": "Places that can be held right now."
              },
              "sold_count": {
                "type": "integer",
                "minimum": 0
              }
            }
          },
          "Event": {
            "type": "object",
            "required": [
              "event_id",
              "title",
              "artist",
              "category",
              "venue",
              "starts_at",
              "status",
              "hold_duration_minutes",
              "max_tickets_per_user",
              "sections",
              "total_capacity",
              "total_available"
            ],
            "properties": {
              "event_id": {
                "type": "string",
                "format": "uuid",
                "description": "The event's id.",
                "examples": [
                  "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10"
                ]
              },
              "title": {
                "type": "string"
              },
              "artist": {
                "type": "string"
              },
              "category": {
                "type": "string"
              },
              "venue": {
                "$ref": "\u0023/components/schemas/Venue"
              },
              "starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the event starts.",
                "examples": [
                  "2026-07-01T20:00:00Z"
                ]
              },
              "sale_starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "When tickets go on sale; absent if they sell from creation.",
                "examples": [
                  "2026-06-01T10:00:00Z"
                ]
              },
              "status": {
                "$ref": "\u0023/components/schemas/EventStatus"
              },
              "hold_duration_minutes": {
                "type": "integer",
                "minimum": 1,
                "maximum": 15
              },
              "max_tickets_per_user": {
                "type": "integer",
                "minimum": 1,
                "maximum": 100
              },
              "sections": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/SectionSummary"
                }
              },
              "total_capacity": {
                "type": "integer",
                "minimum": 0
              },
              "total_available": {
                "type": "integer",
                "minimum": 0
              },
              "min_price_cents": {
                "type": "integer",
                "minimum": 0,
                "description": "The cheapest section's price; absent if the event has no sections."
              }
            }
          },
          "EventPage": {
            "type": "object",
            "required": [
              "events"
            ],
            "properties": {
              "events": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/Event"
                },
                "description": "Ordered by starts_at, then event_id."
              },
              "next_cursor": {
                "type": "string",
                "description": "Opaque cursor for the next page (pass as `cursor`); absent on the last page."
              }
            }
          },
          "Seat": {
            "type": "object",
            "required": [
              "seat_id",
              "row",
              "number",
              "price_cents",
              "status"
            ],
            "properties": {
              "seat_id": {
                "type": "string",
                "format": "uuid",
                "examples": [
                  "0b9f6c2e-7d41-4a8e-b3c5-9e2f1a6d8c71"
                ]
              },
              "row": {
                "type": "string",
                "examples": [
                  "A"
                ]
              },
              "number": {
                "type": "integer",
                "minimum": 1,
                "examples": [
                  12
                ]
              },
              "price_cents": {
                "type": "integer",
                "minimum": 0
              },
              "status": {
                "$ref": "\u0023/components/schemas/SeatStatus"
              }
            }
          },
          "SeatMapSection": {
            "type": "object",
            "required": [
              "section_id",
              "name",
              "kind",
              "price_cents",
              "capacity",
              "available_count",
              "seats"
            ],
            "properties": {
              "section_id": {
                "type": "string",
                "format": "uuid"
              },
              "name": {
                "type": "string"
              },
              "kind": {
                "$ref": "\u0023/components/schemas/SectionKind"
              },
              "price_cents": {
                "type": "integer",
                "minimum": 0
              },
              "capacity": {
                "type": "integer",
                "minimum": 0
              },
              "available_count": {
                "type": "integer",
                "minimum": 0
              },
              "seats": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/Seat"
                },
                "description": "The section's seats (filtered by `status` if given); always empty for general admission."
              }
            }
          },
          "SeatMap": {
            "type": "object",
            "required": [
              "event_id",
              "sections",
              "total_available",
              "last_updated"
            ],
            "properties": {
              "event_id": {
                "type": "string",
                "format": "uuid"
              },
              "sections": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/SeatMapSection"
                }
              },
              "total_available": {
                "type": "integer",
                "minimum": 0,
                "description": "Available places across the returned sections."
              },
              "last_updated": {
                "type": "string",
                "format": "date-time",
                "description": "When the seat map last changed."
              }
            }
          },
          "SeatedHoldRequest": {
            "type": "object",
            "required": [
              "event_id",
              "seat_ids"
            ],
            "title": "Seated hold",
            "properties": {
              "event_id": {
                "type": "string",
                "format": "uuid",
                "description": "The event to book.",
                "examples": [
                  "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10"
                ]
              },
              "seat_ids": {
                "type": "array",
                "items": {
                  "type": "string",
                  "format": "uuid"
                },
                "minItems": 1,
                "uniqueItems": true,
                "description": "The seats to hold, all or nothing; at most the event's max_tickets_per_user.",
                "examples": [
                  [
                    "0b9f6c2e-7d41-4a8e-b3c5-9e2f1a6d8c71",
                    "5e3a1d7c-2b9f-4c6e-8a1d-3f7b9e2c4d82"
                  ]
                ]
              },
              "hold_duration_minutes": {
                "type": "integer",
                "minimum": 1,
                "maximum": 15,
                "description": "Overrides the event's hold length."
              }
            },
            "not": {
              "anyOf": [
                {
                  "required": [
                    "section_id"
                  ]
                },
                {
                  "required": [
                    "quantity"
                  ]
                }
              ]
            }
          },
          "GeneralAdmissionHoldRequest": {
            "type": "object",
            "required": [
              "event_id",
              "section_id",
              "quantity"
            ],
            "title": "General-admission hold",
            "properties": {
              "event_id": {
                "type": "string",
                "format": "uuid",
                "description": "The event to book.",
                "examples": [
                  "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10"
                ]
              },
              "section_id": {
                "type": "string",
                "format": "uuid",
                "description": "A general_admission section of the event.",
                "examples": [
                  "c9e8d7f6-1a2b-4c3d-8e9f-0a1b2c3d4e5f"
                ]
              },
              "quantity": {
                "type": "integer",
                "minimum": 1,
                "description": "Number of places; at most the event's max_tickets_per_user.",
                "examples": [
                  2
                ]
              },
              "hold_duration_minutes": {
                "type": "integer",
                "minimum": 1,
                "maximum": 15,
                "description": "Overrides the event's hold length."
              }
            },
            "not": {
              "required": [
                "seat_ids"
              ]
            }
          },
          "CreateReservationRequest": {
            "description": "Either `seat_ids` (seated) or `section_id` with `quantity` (general admission), never both.",
            "oneOf": [
              {
                "$ref": "\u0023/components/schemas/SeatedHoldRequest"
              },
              {
                "$ref": "\u0023/components/schemas/GeneralAdmissionHoldRequest"
              }
            ]
          },
          "ReservedSeat": {
            "type": "object",
            "required": [
              "seat_id",
              "section_id",
              "row",
              "number",
              "price_cents"
            ],
            "properties": {
              "seat_id": {
                "type": "string",
                "format": "uuid"
              },
              "section_id": {
                "type": "string",
                "format": "uuid"
              },
              "row": {
                "type": "string"
              },
              "number": {
                "type": "integer",
                "minimum": 1
              },
              "price_cents": {
                "type": "integer",
                "minimum": 0
              }
            }
          },
          "Reservation": {
            "type": "object",
            "required": [
              "reservation_id",
              "event_id",
              "status",
              "seats",
              "quantity",
              "total_price_cents",
              "held_until",
              "created_at",
              "checkout_url"
            ],
            "properties": {
              "reservation_id": {
                "type": "string",
                "format": "uuid",
                "examples": [
                  "e4b2c8d6-9f1a-4b3c-8d5e-7a9c1e3f5b20"
                ]
              },
              "event_id": {
                "type": "string",
                "format": "uuid"
              },
              "status": {
                "$ref": "\u0023/components/schemas/ReservationStatus"
              },
              "seats": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/ReservedSeat"
                },
                "description": "The held seats; empty for a general-admission reservation."
              },
              "section_id": {
                "type": "string",
                "format": "uuid",
                "description": "The general-admission section; absent for a seated reservation."
              },
              "quantity": {
                "type": "integer",
                "minimum": 1,
                "description": "Number of tickets (seat count, or the general-admission quantity)."
              },
              "total_price_cents": {
                "type": "integer",
                "minimum": 0
              },
              "held_until": {
                "type": "string",
                "format": "date-time",
                "description": "When the hold lapses unless the reservation is confirmed."
              },
              "created_at": {
                "type": "string",
                "format": "date-time"
              },
              "confirmed_at": {
                "type": "string",
                "format": "date-time",
                "description": "When payment succeeded; absent until then."
              },
              "checkout_url": {
                "type": "string",
                "description": "`/checkout/{reservation_id}`",
                "examples": [
                  "/checkout/e4b2c8d6-9f1a-4b3c-8d5e-7a9c1e3f5b20"
                ]
              }
            }
          },
          "ConfirmRequest": {
            "type": "object",
            "required": [
              "payment_method_id"
            ],
            "properties": {
              "payment_method_id": {
                "type": "string",
                "minLength": 1,
                "description": "Test payment method: `pm_card_visa`, `pm_card_mastercard`, `pm_card_amex`, `pm_card_discover`, `pm_card_visa_debit` succeed; `pm_card_chargeDeclined`, `pm_card_insufficientFunds`, `pm_card_expired` and anything else decline.",
                "examples": [
                  "pm_card_visa",
                  "pm_card_chargeDeclined"
                ]
              }
            }
          },
          "Ticket": {
            "type": "object",
            "required": [
              "ticket_id",
              "reservation_id",
              "event_id",
              "section_id",
              "seat_id",
              "seat",
              "holder_name",
              "status",
              "qr_code",
              "issued_at",
              "page_url"
            ],
            "properties": {
              "ticket_id": {
                "type": "string",
                "format": "uuid",
                "examples": [
                  "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
                ]
              },
              "reservation_id": {
                "type": "string",
                "format": "uuid"
              },
              "event_id": {
                "type": "string",
                "format": "uuid"
              },
              "section_id": {
                "type": "string",
                "format": "uuid"
              },
              "seat_id": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid",
                "description": "Always present; null for general admission."
              },
              "seat": {
                "type": "string",
                "description": "Row and number (e.g. `A12`), or the general-admission section's name.",
                "examples": [
                  "A12"
                ]
              },
              "holder_name": {
                "type": "string"
              },
              "status": {
                "$ref": "\u0023/components/schemas/TicketStatus"
              },
              "qr_code": {
                "type": "string",
                "pattern": "^BO1\\.[0-9a-f]{16}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
                "description": "Signed, offline-verifiable ticket: `BO1.<key_id>.<base64url payload JSON>.<base64url Ed25519 signature>`. The signature covers everything before the last dot; verify it with the key from `GET /api/v1/keys/tickets`. The payload has `tid`, `eid`, `sid`, `seat_id` (null for general admission), `seat`, `holder` and `iat` (Unix seconds)."
              },
              "issued_at": {
                "type": "string",
                "format": "date-time"
              },
              "page_url": {
                "type": "string",
                "description": "Signed link to the printable ticket page (`GET /tickets/{ticket_id}?sig=...`); anyone with the link can open it."
              }
            }
          },
          "TicketList": {
            "type": "object",
            "required": [
              "tickets"
            ],
            "properties": {
              "tickets": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/Ticket"
                }
              }
            }
          },
          "Confirmation": {
            "type": "object",
            "required": [
              "reservation_id",
              "status",
              "total_price_cents",
              "tickets",
              "receipt_url"
            ],
            "properties": {
              "reservation_id": {
                "type": "string",
                "format": "uuid"
              },
              "status": {
                "allOf": [
                  {
                    "$ref": "\u0023/components/schemas/ReservationStatus"
                  }
                ],
                "examples": [
                  "CONFIRMED"
                ]
              },
              "total_price_cents": {
                "type": "integer",
                "minimum": 0
              },
              "payment_id": {
                "type": "string",
                "description": "The payment provider's id (e.g. `pi_test_...`).",
                "examples": [
                  "pi_test_3b9d1c0e7f2a4b6c8d0e1f2a"
                ]
              },
              "tickets": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/Ticket"
                },
                "description": "One ticket per seat or place."
              },
              "receipt_url": {
                "type": "string",
                "description": "`/receipts/{reservation_id}`"
              }
            }
          },
          "Cancellation": {
            "type": "object",
            "required": [
              "reservation_id",
              "status",
              "seats_released",
              "quantity_released"
            ],
            "properties": {
              "reservation_id": {
                "type": "string",
                "format": "uuid"
              },
              "status": {
                "allOf": [
                  {
                    "$ref": "\u0023/components/schemas/ReservationStatus"
                  }
                ],
                "examples": [
                  "CANCELLED"
                ]
              },
              "seats_released": {
                "type": "array",
                "items": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "Ids of the seats freed; empty for general admission."
              },
              "quantity_released": {
                "type": "integer",
                "minimum": 0,
                "description": "Number of places freed."
              }
            }
          },
          "CheckInRequest": {
            "type": "object",
            "required": [
              "qr_code",
              "event_id"
            ],
            "properties": {
              "qr_code": {
                "type": "string",
                "description": "The scanned payload, `BO1.<key id>.<payload>.<signature>`."
              },
              "event_id": {
                "type": "string",
                "format": "uuid",
                "description": "The event at whose door the scan happens."
              }
            }
          },
          "CheckInResult": {
            "type": "object",
            "required": [
              "result",
              "ticket_id",
              "event_id",
              "seat",
              "holder_name",
              "checked_in_at"
            ],
            "properties": {
              "result": {
                "type": "string",
                "enum": [
                  "VALID",
                  "ALREADY_USED",
                  "FORGED",
                  "VOIDED",
                  "WRONG_EVENT"
                ],
                "description": "VALID marks the ticket USED; ALREADY_USED gives the first scan's time; FORGED: bad signature, unparsable payload or unknown ticket; VOIDED: cancelled or replaced; WRONG_EVENT: a genuine ticket of another event."
              },
              "ticket_id": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "event_id": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "seat": {
                "type": [
                  "string",
                  "null"
                ],
                "examples": [
                  "A1"
                ]
              },
              "holder_name": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "checked_in_at": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              }
            }
          },
          "CheckInBatch": {
            "type": "object",
            "required": [
              "event_id",
              "scans"
            ],
            "properties": {
              "event_id": {
                "type": "string",
                "format": "uuid"
              },
              "scans": {
                "type": "array",
                "minItems": 1,
                "maxItems": 10000,
                "items": {
                  "type": "object",
                  "required": [
                    "qr_code",
                    "scanned_at"
                  ],
                  "properties": {
                    "qr_code": {
                      "type": "string"
                    },
                    "scanned_at": {
                      "type": "string",
                      "format": "date-time"
                    },
                    "device_id": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          },
          "CheckInBatchResult": {
            "type": "object",
            "required": [
              "results",
              "conflicts"
            ],
            "properties": {
              "results": {
                "type": "array",
                "description": "One per scan, in upload order.",
                "items": {
                  "type": "object",
                  "required": [
                    "result",
                    "conflict"
                  ],
                  "properties": {
                    "result": {
                      "type": "string",
                      "enum": [
                        "VALID",
                        "ALREADY_USED",
                        "FORGED",
                        "VOIDED",
                        "WRONG_EVENT"
                      ]
                    },
                    "ticket_id": {
                      "type": "string",
                      "format": "uuid"
                    },
                    "seat": {
                      "type": "string"
                    },
                    "holder_name": {
                      "type": "string"
                    },
                    "checked_in_at": {
                      "type": "string",
                      "format": "date-time"
                    },
                    "conflict": {
                      "type": "boolean",
                      "description": "The ticket was scanned more than once; the first scan wins."
                    }
                  }
                }
              },
              "conflicts": {
                "type": "integer"
              }
            }
          },
          "CheckInList": {
            "type": "object",
            "required": [
              "event_id",
              "valid",
              "used",
              "voided",
              "cursor"
            ],
            "properties": {
              "event_id": {
                "type": "string",
                "format": "uuid"
              },
              "valid": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "ticket_id": {
                      "type": "string"
                    },
                    "seat": {
                      "type": "string"
                    },
                    "holder_name": {
                      "type": "string"
                    }
                  }
                }
              },
              "used": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "ticket_id": {
                      "type": "string"
                    },
                    "seat": {
                      "type": "string"
                    },
                    "holder_name": {
                      "type": "string"
                    },
                    "checked_in_at": {
                      "type": "string",
                      "format": "date-time"
                    }
                  }
                }
              },
              "voided": {
                "type": "array",
                "items": {
                  "type": "string",
                  "format": "uuid"
                }
              },
              "cursor": {
                "type": "string",
                "description": "Pass as `cursor` next time for the changes since. It trails the clock by a few seconds, so recent changes may come twice; apply by ticket id."
              }
            }
          }
        },
        "responses": {
          "Unauthorized": {
            "description": "No valid bearer token: missing (`UNAUTHORIZED`), malformed or badly signed (`INVALID_TOKEN`), or expired (`TOKEN_EXPIRED`). Error codes: `UNAUTHORIZED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "\u0023/components/schemas/Error"
                },
                "examples": {
                  "UNAUTHORIZED": {
                    "summary": "UNAUTHORIZED",
                    "value": {
                      "error": "UNAUTHORIZED",
                      "message": "Sign in: send Authorization: Bearer <token>"
                    }
                  },
                  "INVALID_TOKEN": {
                    "summary": "INVALID_TOKEN",
                    "value": {
                      "error": "INVALID_TOKEN",
                      "message": "The bearer token is not valid"
                    }
                  },
                  "TOKEN_EXPIRED": {
                    "summary": "TOKEN_EXPIRED",
                    "value": {
                      "error": "TOKEN_EXPIRED",
                      "message": "The bearer token has expired; log in again"
                    }
                  }
                }
              }
            }
          },
          "InvalidJSON": {
            "description": "The body is missing or is not valid JSON. Error codes: `INVALID_JSON`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "\u0023/components/schemas/Error"
                },
                "examples": {
                  "INVALID_JSON": {
                    "summary": "INVALID_JSON",
                    "value": {
                      "error": "INVALID_JSON",
                      "message": "The request body is not valid JSON"
                    }
                  }
                }
              }
            }
          },
          "BodyTooLarge": {
            "description": "The body is larger than 8 MiB. Error codes: `BODY_TOO_LARGE`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "\u0023/components/schemas/Error"
                },
                "examples": {
                  "BODY_TOO_LARGE": {
                    "summary": "BODY_TOO_LARGE",
                    "value": {
                      "error": "BODY_TOO_LARGE",
                      "message": "The request body is larger than 8388608 bytes"
                    }
                  }
                }
              }
            }
          },
          "InternalError": {
            "description": "An unexpected server error (logged). Error codes: `INTERNAL_ERROR`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "\u0023/components/schemas/Error"
                },
                "examples": {
                  "INTERNAL_ERROR": {
                    "summary": "INTERNAL_ERROR",
                    "value": {
                      "error": "INTERNAL_ERROR",
                      "message": "Something went wrong on our side"
                    }
                  }
                }
              }
            }
          }
        },
        "parameters": {
          "EventId": {
            "name": "event_id",
            "in": "path",
            "required": true,
            "description": "The event's id.",
            "schema": {
              "type": "string",
              "format": "uuid"
            },
            "example": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10"
          },
          "ReservationId": {
            "name": "reservation_id",
            "in": "path",
            "required": true,
            "description": "The reservation's id. Reservations of other buyers answer 404.",
            "schema": {
              "type": "string",
              "format": "uuid"
            },
            "example": "e4b2c8d6-9f1a-4b3c-8d5e-7a9c1e3f5b20"
          },
          "TicketId": {
            "name": "ticket_id",
            "in": "path",
            "required": true,
            "description": "The ticket's id. Tickets of other buyers answer 404.",
            "schema": {
              "type": "string",
              "format": "uuid"
            },
            "example": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
          }
        },
        "headers": {
          "ETag": {
            "description": "Version of the seat map as filtered; send it back in `If-None-Match`.",
            "schema": {
              "type": "string"
            },
            "example": "\"3f1c9a52-42-none--\""
          },
          "CacheControl": {
            "description": "Always `no-cache`: revalidate with If-None-Match.",
            "schema": {
              "type": "string",
              "const": "no-cache"
            }
          },
          "IdempotentReplayed": {
            "description": "`true` when this response replays the reservation first created with the same X-Idempotency-Key.",
            "schema": {
              "type": "string",
              "const": "true"
            }
          }
        },
        "securitySchemes": {
          "bearerAuth": {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "HS256 JWT from `POST /api/v1/auth/register` or `/login`; valid 24 hours by default."
          }
        }
      }
    }
    """#
}
