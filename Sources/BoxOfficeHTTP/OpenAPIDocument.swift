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
        "description": "Flow: browse `GET /api/v1/events`, read the seat map `GET /api/v1/events/{event_id}/seats`, hold with `POST /api/v1/reservations`, then pay with `POST /api/v1/reservations/{reservation_id}/confirm` before the hold lapses. When the event's waiting room is on (`queue.enabled`), first join it with `POST /api/v1/events/{event_id}/queue`, wait for admission, and hold with the `admission_token` in `X-Queue-Token`.\n\nJSON field names are snake_case; instants are ISO 8601 UTC (`2026-07-01T20:00:00Z`); ids are lower-case UUIDs; money is integer cents. Optional response fields are omitted when they have no value (except a ticket's `seat_id`, which is null for general admission).\n\nEvery error has the `Error` shape `{\"error\": CODE, \"message\": ...}` plus code-specific details. Besides the errors listed per operation, an unknown path answers `404 NOT_FOUND` and a wrong method `405 METHOD_NOT_ALLOWED`.\n\nAuthenticate with `Authorization: Bearer <token>` from register or login. Public routes ignore a bad token; routes that need an account answer 401 `UNAUTHORIZED`, `INVALID_TOKEN` or `TOKEN_EXPIRED`."
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
          "name": "Staff",
          "description": "Door staff (scanner accounts) an organizer makes for their own events."
        },
        {
          "name": "Events",
          "description": "Browsing, creating events and seat maps."
        },
        {
          "name": "Queue",
          "description": "The virtual waiting room of events that have one on."
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
        "/api/v1/staff": {
          "post": {
            "tags": [
              "Staff"
            ],
            "operationId": "createScanner",
            "summary": "Make a door-staff (scanner) account",
            "description": "An organizer makes scanner accounts for their own events: such a scanner checks tickets in only at events that organizer runs. An admin may name the organizer with `organizer_id`, or leave it out to make house staff, who scan at any event (as do scanners made with `boxoffice user create --role scanner` without `--organizer`). The scanner signs in with `POST /api/v1/auth/login`.",
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
                    "type": "object",
                    "required": [
                      "email",
                      "password",
                      "name"
                    ],
                    "properties": {
                      "email": {
                        "type": "string",
                        "format": "email"
                      },
                      "password": {
                        "type": "string",
                        "minLength": 8,
                        "maxLength": 72
                      },
                      "name": {
                        "type": "string",
                        "minLength": 1,
                        "maxLength": 100
                      },
                      "organizer_id": {
                        "type": "string",
                        "format": "uuid",
                        "description": "Admins only: the organizer this scanner works for."
                      }
                    }
                  },
                  "example": {
                    "email": "door-3@example.com",
                    "password": "long-door-password",
                    "name": "Door 3"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The scanner account.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/StaffMember"
                    },
                    "examples": {
                      "made": {
                        "value": {
                          "user_id": "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
                          "email": "door-3@example.com",
                          "name": "Door 3",
                          "role": "scanner",
                          "organizer_id": "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
                          "created_at": "2026-05-20T12:00:00Z",
                          "disabled_at": null
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
              "403": {
                "description": "Only organizers (for themselves) and admins may make door staff. Error codes: `FORBIDDEN`.",
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
                "description": "A field is missing or not acceptable. Error codes: `VALIDATION_ERROR`.",
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
                          "message": "password must be 8 to 72 bytes long",
                          "field": "password"
                        }
                      },
                      "VALIDATION_ERROR_ORGANIZER_ID": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "organizer_id is not an organizer's account",
                          "field": "organizer_id"
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
          "get": {
            "tags": [
              "Staff"
            ],
            "operationId": "listScanners",
            "summary": "List door staff",
            "description": "An organizer's own scanner accounts; every scanner account for an admin. Oldest first.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The door staff.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "staff"
                      ],
                      "properties": {
                        "staff": {
                          "type": "array",
                          "items": {
                            "$ref": "\u0023/components/schemas/StaffMember"
                          }
                        }
                      }
                    },
                    "examples": {
                      "staff": {
                        "value": {
                          "staff": [
                            {
                              "user_id": "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
                              "email": "door-3@example.com",
                              "name": "Door 3",
                              "role": "scanner",
                              "organizer_id": "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
                              "created_at": "2026-05-20T12:00:00Z",
                              "disabled_at": null
                            }
                          ]
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
                "description": "Only organizers and admins have door staff. Error codes: `FORBIDDEN`.",
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
              "500": {
                "$ref": "\u0023/components/responses/InternalError"
              }
            }
          }
        },
        "/api/v1/staff/{user_id}": {
          "parameters": [
            {
              "name": "user_id",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string",
                "format": "uuid"
              },
              "description": "The scanner account's id."
            }
          ],
          "delete": {
            "tags": [
              "Staff"
            ],
            "operationId": "disableScanner",
            "summary": "Switch a door-staff account off",
            "description": "The scanner can no longer sign in, and its check-ins are refused at once, even with a token issued before. Its past check-ins stay recorded. An organizer may switch off only their own staff.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The account, with `disabled_at` set.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/StaffMember"
                    },
                    "examples": {
                      "off": {
                        "value": {
                          "user_id": "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
                          "email": "door-3@example.com",
                          "name": "Door 3",
                          "role": "scanner",
                          "organizer_id": "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
                          "created_at": "2026-05-20T12:00:00Z",
                          "disabled_at": "2026-06-01T23:00:00Z"
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
                "description": "Only organizers and admins manage door staff. Error codes: `FORBIDDEN`.",
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
                "description": "No such scanner account among the caller's staff. Error codes: `USER_NOT_FOUND`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "USER_NOT_FOUND": {
                        "summary": "USER_NOT_FOUND",
                        "value": {
                          "error": "USER_NOT_FOUND",
                          "message": "No such account"
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
                  "description": "An ISO 8601 date-time (`2026-07-01T20:00:00Z`) or date (`2026-07-01`: the whole day in UTC, so `from` is its start and `to` its end)."
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
                  "description": "An ISO 8601 date-time (`2026-07-01T20:00:00Z`) or date (`2026-07-01`: the whole day in UTC, so `from` is its start and `to` its end)."
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
                  "examples": {
                    "basic": {
                      "summary": "Seated and general-admission sections",
                      "value": {
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
                    },
                    "presale_and_queue": {
                      "summary": "With presale windows and a waiting room",
                      "value": {
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
                        ],
                        "queue": {
                          "enabled": true,
                          "opens_at": "2026-05-28T09:30:00Z",
                          "admit_per_minute": 2000,
                          "session_minutes": 10,
                          "admit_interval_seconds": 10
                        },
                        "presales": [
                          {
                            "name": "Fan Club",
                            "kind": "code",
                            "starts_at": "2026-05-28T10:00:00Z",
                            "ends_at": "2026-05-30T22:00:00Z",
                            "codes": [
                              "AURORA-FAN-7Q2K",
                              "AURORA-FAN-9X4M"
                            ],
                            "single_use": true,
                            "max_tickets_per_user": 4
                          },
                          {
                            "name": "Newsletter",
                            "kind": "list",
                            "starts_at": "2026-05-31T10:00:00Z",
                            "ends_at": "2026-05-31T22:00:00Z",
                            "emails": [
                              "ada@example.com"
                            ]
                          }
                        ]
                      }
                    }
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
                      },
                      "VALIDATION_ERROR_PRESALES_0_CODES": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "presales[0].codes a code window needs 1 to 100000 codes",
                          "field": "presales[0].codes"
                        }
                      },
                      "VALIDATION_ERROR_QUEUE_ADMIT_PER_MINUTE": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "queue.admit_per_minute must be between 0 (admission paused) and 1000000",
                          "field": "queue.admit_per_minute"
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
          },
          "patch": {
            "tags": [
              "Events"
            ],
            "operationId": "updateEvent",
            "summary": "Change how an event sells (its organizer or an admin)",
            "description": "Changes any of `sale_starts_at`, `hold_duration_minutes`, `max_tickets_per_user`, `queue` and `presales`; fields not sent stay as they are, and `presales` replaces the whole list. Changing the queue's rate mid-sale keeps the batches already admitted; the new rate applies from the next batch.",
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
                    "$ref": "\u0023/components/schemas/UpdateEventRequest"
                  },
                  "examples": {
                    "presales": {
                      "summary": "Set the sale start, presale windows and a waiting room",
                      "value": {
                        "sale_starts_at": "2026-06-01T10:00:00Z",
                        "queue": {
                          "enabled": true,
                          "opens_at": "2026-05-28T09:30:00Z",
                          "admit_per_minute": 2000,
                          "session_minutes": 10,
                          "admit_interval_seconds": 10
                        },
                        "presales": [
                          {
                            "name": "Fan Club",
                            "kind": "code",
                            "starts_at": "2026-05-28T10:00:00Z",
                            "ends_at": "2026-05-30T22:00:00Z",
                            "codes": [
                              "AURORA-FAN-7Q2K",
                              "AURORA-FAN-9X4M"
                            ],
                            "single_use": true,
                            "max_tickets_per_user": 4
                          },
                          {
                            "name": "Newsletter",
                            "kind": "list",
                            "starts_at": "2026-05-31T10:00:00Z",
                            "ends_at": "2026-05-31T22:00:00Z",
                            "emails": [
                              "ada@example.com"
                            ]
                          }
                        ]
                      }
                    },
                    "slow_queue": {
                      "summary": "Admit fewer buyers a minute from the next batch on",
                      "value": {
                        "queue": {
                          "enabled": true,
                          "admit_per_minute": 1000
                        }
                      }
                    }
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The updated event.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Event"
                    },
                    "examples": {
                      "updated": {
                        "value": {
                          "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                          "title": "Aurora Lights — Stadium Tour",
                          "artist": "Aurora Lights",
                          "category": "concert",
                          "venue": {
                            "name": "Lakeside Stadium",
                            "city": "Chicago"
                          },
                          "starts_at": "2026-07-01T20:00:00Z",
                          "sale_starts_at": "2026-06-01T10:00:00Z",
                          "status": "PRESALE",
                          "hold_duration_minutes": 10,
                          "max_tickets_per_user": 8,
                          "sections": [
                            {
                              "section_id": "a7d2e4c1-5b3f-4e8a-9c6d-0f1e2d3c4b5a",
                              "name": "Floor VIP",
                              "kind": "seated",
                              "price_cents": 45000,
                              "capacity": 40,
                              "available_count": 38,
                              "sold_count": 2
                            },
                            {
                              "section_id": "c9e8d7f6-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
                              "name": "Standing",
                              "kind": "general_admission",
                              "price_cents": 8500,
                              "capacity": 500,
                              "available_count": 500,
                              "sold_count": 0
                            }
                          ],
                          "total_capacity": 540,
                          "total_available": 538,
                          "min_price_cents": 8500,
                          "queue": {
                            "enabled": true,
                            "opens_at": "2026-05-28T09:30:00Z",
                            "admit_per_minute": 2000,
                            "session_minutes": 10,
                            "admit_interval_seconds": 10,
                            "admission_starts_at": "2026-05-28T10:00:00Z",
                            "join_url": "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue"
                          },
                          "presales": [
                            {
                              "name": "Fan Club",
                              "starts_at": "2026-05-28T10:00:00Z",
                              "ends_at": "2026-05-30T22:00:00Z",
                              "kind": "code",
                              "max_tickets_per_user": 4,
                              "single_use": true,
                              "code_count": 2,
                              "email_count": 0,
                              "open": true
                            },
                            {
                              "name": "Newsletter",
                              "starts_at": "2026-05-31T10:00:00Z",
                              "ends_at": "2026-05-31T22:00:00Z",
                              "kind": "list",
                              "single_use": false,
                              "code_count": 0,
                              "email_count": 1,
                              "open": false
                            }
                          ]
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
              "403": {
                "description": "Only the event's organizer and admins may change it. Error codes: `FORBIDDEN`.",
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
              "409": {
                "description": "The event kept changing under this update (other writers at the same moment); send it again. A change is always applied to the event as stored, never to a stale copy. Error codes: `CONFLICTING_CHANGE`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "CONFLICTING_CHANGE": {
                        "summary": "CONFLICTING_CHANGE",
                        "value": {
                          "error": "CONFLICTING_CHANGE",
                          "message": "The event was changed by someone else at the same moment; send the change again"
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
                "description": "A field is invalid or breaks a rule. Error codes: `VALIDATION_ERROR`.",
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
                          "message": "max_tickets_per_user must be between 1 and 100",
                          "field": "max_tickets_per_user"
                        }
                      },
                      "VALIDATION_ERROR_PRESALES_1_NAME": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "presales[1].name window names must be unique within an event",
                          "field": "presales[1].name"
                        }
                      },
                      "VALIDATION_ERROR_SALE_STARTS_AT": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "sale_starts_at is required with presale windows (or add a general window), else everyone may buy at once",
                          "field": "sale_starts_at"
                        }
                      },
                      "VALIDATION_ERROR_QUEUE_SESSION_MINUTES": {
                        "summary": "VALIDATION_ERROR",
                        "value": {
                          "error": "VALIDATION_ERROR",
                          "message": "queue.session_minutes must be between 1 and 120",
                          "field": "queue.session_minutes"
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
        "/api/v1/events/{event_id}/queue": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/EventId"
            }
          ],
          "post": {
            "tags": [
              "Queue"
            ],
            "operationId": "joinQueue",
            "summary": "Join an event's waiting room",
            "description": "Gives the signed-in buyer a place in the queue. Joining again returns the same place; a buyer whose admission session ended is put at the back. Buyers who join before the sale start are drawn into a random order at the sale start (`position_final` is false until then). Keep the latest `queue_token` and follow `status_url` (or `stream_url`) until admitted.",
            "security": [
              {
                "bearerAuth": []
              }
            ],
            "responses": {
              "200": {
                "description": "The buyer's place.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/QueueStatus"
                    },
                    "examples": {
                      "waiting": {
                        "summary": "Joined after the sale start",
                        "value": {
                          "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                          "state": "waiting",
                          "position": 4127,
                          "ahead": 2790,
                          "estimated_wait_seconds": 90,
                          "position_final": true,
                          "queue_length": 18250,
                          "queue_token": "Q1.cXwzZjFjOWE1Mi04YTRlLTRkNmItOWQwZS0yYjdjMWY5ZTRhMTB8MWQyYzNiNGEtNWY2ZS00ZDdjLThiOWEtMGYxZTJkM2M0YjVhfDQxMjd8fHw.2tL2rMcLJ7jqM7Y49rVf9iobcVdg1e9nNgryULBJvgk",
                          "status_url": "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/status",
                          "stream_url": "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/stream"
                        }
                      },
                      "early": {
                        "summary": "Joined before the sale start: position is an estimate",
                        "value": {
                          "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                          "state": "waiting",
                          "position": 3200,
                          "ahead": 3199,
                          "estimated_wait_seconds": 990,
                          "position_final": false,
                          "queue_length": 6400,
                          "queue_token": "Q1.cXwzZjFjOWE1Mi04YTRlLTRkNmItOWQwZS0yYjdjMWY5ZTRhMTB8MWQyYzNiNGEtNWY2ZS00ZDdjLThiOWEtMGYxZTJkM2M0YjVhfHw0NjExNjg2MDE4NDI3Mzg3fDMyMDB8.koW6ZG5O3c-KLHbJD29zmIym-m0iJM6goJQw8sJ6pqc",
                          "status_url": "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/status",
                          "stream_url": "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/stream"
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
                "description": "The waiting room is not open yet (`opens_at`), or the event has started. Error codes: `QUEUE_NOT_OPEN`, `SALES_CLOSED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "QUEUE_NOT_OPEN": {
                        "summary": "QUEUE_NOT_OPEN",
                        "value": {
                          "error": "QUEUE_NOT_OPEN",
                          "message": "The waiting room opens at 2026-06-01T09:30:00Z",
                          "opens_at": "2026-06-01T09:30:00Z"
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
              "409": {
                "description": "The event's waiting room is not on: hold directly. Error codes: `QUEUE_DISABLED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "QUEUE_DISABLED": {
                        "summary": "QUEUE_DISABLED",
                        "value": {
                          "error": "QUEUE_DISABLED",
                          "message": "This event has no waiting room; reserve directly"
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
                "description": "Too many queue requests (joins and status reads alike) from this account (or address); see `Retry-After`. Error codes: `RATE_LIMITED`.",
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
        "/api/v1/events/{event_id}/queue/status": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/EventId"
            }
          ],
          "get": {
            "tags": [
              "Queue"
            ],
            "operationId": "queueStatus",
            "summary": "Where a buyer stands in the waiting room",
            "description": "Reads no database: the place is in the signed queue token and the admission schedule is cached. Once `state` is `admitted`, hold with `admission_token` in `X-Queue-Token` before `admission_expires_at`.",
            "security": [
              {},
              {
                "bearerAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "\u0023/components/parameters/QueueTokenHeader"
              },
              {
                "$ref": "\u0023/components/parameters/QueueTokenQuery"
              }
            ],
            "responses": {
              "200": {
                "description": "The buyer's standing.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/QueueStatus"
                    },
                    "examples": {
                      "waiting": {
                        "summary": "Still waiting",
                        "value": {
                          "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                          "state": "waiting",
                          "position": 4127,
                          "ahead": 2790,
                          "estimated_wait_seconds": 90,
                          "position_final": true,
                          "queue_length": 18250,
                          "queue_token": "Q1.cXwzZjFjOWE1Mi04YTRlLTRkNmItOWQwZS0yYjdjMWY5ZTRhMTB8MWQyYzNiNGEtNWY2ZS00ZDdjLThiOWEtMGYxZTJkM2M0YjVhfDQxMjd8fHw.2tL2rMcLJ7jqM7Y49rVf9iobcVdg1e9nNgryULBJvgk",
                          "status_url": "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/status",
                          "stream_url": "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/stream"
                        }
                      },
                      "admitted": {
                        "summary": "Admitted: hold with the admission token",
                        "value": {
                          "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                          "state": "admitted",
                          "position": 4127,
                          "ahead": 0,
                          "estimated_wait_seconds": 0,
                          "position_final": true,
                          "queue_length": 18250,
                          "queue_token": "Q1.cXwzZjFjOWE1Mi04YTRlLTRkNmItOWQwZS0yYjdjMWY5ZTRhMTB8MWQyYzNiNGEtNWY2ZS00ZDdjLThiOWEtMGYxZTJkM2M0YjVhfDQxMjd8fHw.2tL2rMcLJ7jqM7Y49rVf9iobcVdg1e9nNgryULBJvgk",
                          "status_url": "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/status",
                          "stream_url": "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/stream",
                          "admission_token": "Q1.YXwzZjFjOWE1Mi04YTRlLTRkNmItOWQwZS0yYjdjMWY5ZTRhMTB8MWQyYzNiNGEtNWY2ZS00ZDdjLThiOWEtMGYxZTJkM2M0YjVhfDQxMjd8fHwxNzgwMzA4NzIwMDAw.OKOx5_bCuLAgn7TzMOfxiOCqRzCcv3dSz3XBFEp7hWc",
                          "admission_expires_at": "2026-06-01T10:12:00Z"
                        }
                      }
                    }
                  }
                }
              },
              "403": {
                "description": "No queue token was sent, or it is not valid here: forged or altered, for another event, or (when a bearer token is sent) another account's. Error codes: `QUEUE_REQUIRED`, `QUEUE_TOKEN_INVALID`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "QUEUE_REQUIRED": {
                        "summary": "QUEUE_REQUIRED",
                        "value": {
                          "error": "QUEUE_REQUIRED",
                          "message": "This event's waiting room is on: join the queue and send your admission token in X-Queue-Token"
                        }
                      },
                      "QUEUE_TOKEN_INVALID": {
                        "summary": "QUEUE_TOKEN_INVALID",
                        "value": {
                          "error": "QUEUE_TOKEN_INVALID",
                          "message": "The queue token is not valid: the queue token is not one this server issued"
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
              "409": {
                "description": "The event has no waiting room configured. Error codes: `QUEUE_DISABLED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "QUEUE_DISABLED": {
                        "summary": "QUEUE_DISABLED",
                        "value": {
                          "error": "QUEUE_DISABLED",
                          "message": "This event has no waiting room; reserve directly"
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
                "description": "Too many queue requests (joins and status reads alike) from this account (or address); see `Retry-After`. Error codes: `RATE_LIMITED`.",
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
        "/api/v1/events/{event_id}/queue/stream": {
          "parameters": [
            {
              "$ref": "\u0023/components/parameters/EventId"
            }
          ],
          "get": {
            "tags": [
              "Queue"
            ],
            "operationId": "queueStream",
            "summary": "Server-sent events until the buyer is admitted",
            "description": "A `text/event-stream` with the same token rules as the status route; the token may be sent as `?queue_token=` since `EventSource` cannot set headers. Whenever the standing changes (checked each second) it sends `event: status` with the `QueueStatus` JSON as `data`, then one `event: admitted` (or `event: expired`) with the `QueueStatus` (including `admission_token` when admitted), and the stream ends. Errors are answered as JSON before the stream starts.",
            "security": [
              {},
              {
                "bearerAuth": []
              }
            ],
            "parameters": [
              {
                "$ref": "\u0023/components/parameters/QueueTokenHeader"
              },
              {
                "$ref": "\u0023/components/parameters/QueueTokenQuery"
              }
            ],
            "responses": {
              "200": {
                "description": "The stream of `status` events, ending with one `admitted` or `expired` event.",
                "headers": {
                  "Cache-Control": {
                    "description": "Always `no-cache`.",
                    "schema": {
                      "type": "string",
                      "const": "no-cache"
                    }
                  }
                },
                "content": {
                  "text/event-stream": {
                    "schema": {
                      "type": "string",
                      "description": "Server-sent events; each `data` line is a `QueueStatus` JSON object."
                    },
                    "example": "event: status\ndata: {\"ahead\":2790,\"estimated_wait_seconds\":90,\"event_id\":\"3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10\",\"position\":4127,\"position_final\":true,\"queue_length\":18250,\"queue_token\":\"Q1.cXwzZjFjOWE1Mi04YTRlLTRkNmItOWQwZS0yYjdjMWY5ZTRhMTB8MWQyYzNiNGEtNWY2ZS00ZDdjLThiOWEtMGYxZTJkM2M0YjVhfDQxMjd8fHw.2tL2rMcLJ7jqM7Y49rVf9iobcVdg1e9nNgryULBJvgk\",\"state\":\"waiting\",\"status_url\":\"/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/status\",\"stream_url\":\"/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/stream\"}\n\nevent: admitted\ndata: {\"admission_expires_at\":\"2026-06-01T10:12:00Z\",\"admission_token\":\"Q1.YXwzZjFjOWE1Mi04YTRlLTRkNmItOWQwZS0yYjdjMWY5ZTRhMTB8MWQyYzNiNGEtNWY2ZS00ZDdjLThiOWEtMGYxZTJkM2M0YjVhfDQxMjd8fHwxNzgwMzA4NzIwMDAw.OKOx5_bCuLAgn7TzMOfxiOCqRzCcv3dSz3XBFEp7hWc\",\"ahead\":0,\"estimated_wait_seconds\":0,\"event_id\":\"3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10\",\"position\":4127,\"position_final\":true,\"queue_length\":18250,\"queue_token\":\"Q1.cXwzZjFjOWE1Mi04YTRlLTRkNmItOWQwZS0yYjdjMWY5ZTRhMTB8MWQyYzNiNGEtNWY2ZS00ZDdjLThiOWEtMGYxZTJkM2M0YjVhfDQxMjd8fHw.2tL2rMcLJ7jqM7Y49rVf9iobcVdg1e9nNgryULBJvgk\",\"state\":\"admitted\",\"status_url\":\"/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/status\",\"stream_url\":\"/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue/stream\"}\n\n"
                  }
                }
              },
              "403": {
                "description": "No queue token was sent, or it is not valid here: forged or altered, for another event, or (when a bearer token is sent) another account's. Error codes: `QUEUE_REQUIRED`, `QUEUE_TOKEN_INVALID`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "QUEUE_REQUIRED": {
                        "summary": "QUEUE_REQUIRED",
                        "value": {
                          "error": "QUEUE_REQUIRED",
                          "message": "This event's waiting room is on: join the queue and send your admission token in X-Queue-Token"
                        }
                      },
                      "QUEUE_TOKEN_INVALID": {
                        "summary": "QUEUE_TOKEN_INVALID",
                        "value": {
                          "error": "QUEUE_TOKEN_INVALID",
                          "message": "The queue token is not valid: the queue token is not one this server issued"
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
              "409": {
                "description": "The event has no waiting room configured. Error codes: `QUEUE_DISABLED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "QUEUE_DISABLED": {
                        "summary": "QUEUE_DISABLED",
                        "value": {
                          "error": "QUEUE_DISABLED",
                          "message": "This event has no waiting room; reserve directly"
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
                "description": "Too many queue requests (joins and status reads alike) from this account (or address); see `Retry-After`. Error codes: `RATE_LIMITED`.",
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
            "description": "Holds the requested seats (or a quantity of general-admission places) for the signed-in buyer, all or nothing, until `held_until`. Confirm with `POST /api/v1/reservations/{reservation_id}/confirm` before then, or the places are released. A buyer may hold and own at most the event's `max_tickets_per_user` tickets. With `X-Idempotency-Key`, repeating the same request returns the original reservation (with `Idempotent-Replayed: true`) instead of holding again.\n\nWhile the event's waiting room is on, send the `admission_token` from `GET /api/v1/events/{event_id}/queue/status` in `X-Queue-Token`. During a presale window only its buyers may hold: a `code` window's buyers send `presale_code`, a `list` window's are recognised by their account email; a window's `max_tickets_per_user` counts the reservations made under it.",
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
              },
              {
                "name": "X-Queue-Token",
                "in": "header",
                "required": false,
                "description": "The `admission_token` from the event's waiting room (an admitted `queue_token` is accepted too). Required while the event's waiting room is on; ignored otherwise.",
                "schema": {
                  "type": "string"
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
                    },
                    "presale_code": {
                      "summary": "In a code presale window",
                      "value": {
                        "event_id": "3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10",
                        "seat_ids": [
                          "0b9f6c2e-7d41-4a8e-b3c5-9e2f1a6d8c71"
                        ],
                        "presale_code": "AURORA-FAN-7Q2K"
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
                "description": "Not allowed to hold now: the sale has not started or the event has started; the waiting room is on and no admission was sent, the admission session ended, or the token is not valid for this buyer and event (or not admitted yet); only presale buyers may hold now (`presales` names the open windows), or the presale code is wrong (or another account's single-use code). Error codes: `SALE_NOT_STARTED`, `SALES_CLOSED`, `QUEUE_REQUIRED`, `QUEUE_TOKEN_EXPIRED`, `QUEUE_TOKEN_INVALID`, `PRESALE_REQUIRED`, `PRESALE_CODE_INVALID`.",
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
                      },
                      "QUEUE_REQUIRED": {
                        "summary": "QUEUE_REQUIRED",
                        "value": {
                          "error": "QUEUE_REQUIRED",
                          "message": "This event's waiting room is on: join the queue and send your admission token in X-Queue-Token"
                        }
                      },
                      "QUEUE_TOKEN_EXPIRED": {
                        "summary": "QUEUE_TOKEN_EXPIRED",
                        "value": {
                          "error": "QUEUE_TOKEN_EXPIRED",
                          "message": "Your admission session has ended; join the queue again"
                        }
                      },
                      "QUEUE_TOKEN_INVALID": {
                        "summary": "QUEUE_TOKEN_INVALID",
                        "value": {
                          "error": "QUEUE_TOKEN_INVALID",
                          "message": "The queue token is not valid: not admitted yet: poll the queue status for an admission token"
                        }
                      },
                      "PRESALE_REQUIRED": {
                        "summary": "PRESALE_REQUIRED",
                        "value": {
                          "error": "PRESALE_REQUIRED",
                          "message": "Only presale buyers may reserve now (Fan Club)",
                          "presales": [
                            "Fan Club"
                          ]
                        }
                      },
                      "PRESALE_CODE_INVALID": {
                        "summary": "PRESALE_CODE_INVALID",
                        "value": {
                          "error": "PRESALE_CODE_INVALID",
                          "message": "The presale code is not valid for an open presale window"
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
                "description": "The request breaks a rule: over the per-buyer ticket limit (`limit`, `remaining`: the event's, or the presale window's when the hold is made under one), seat ids not in this event (`invalid_seats`), a missing or invalid field (`field`), or an idempotency key reused with a different request. Error codes: `TICKET_LIMIT_EXCEEDED`, `INVALID_SEATS`, `VALIDATION_ERROR`, `IDEMPOTENCY_KEY_REUSED`.",
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
                          "message": "The limit here is 8 tickets per buyer; you may add 2 more",
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
            "description": "Charges the buyer's payment method for a HELD reservation of their own and issues one signed ticket per seat or place.\n\nThe built-in test gateway is deterministic by `payment_method_id`:\n- `pm_card_visa` succeeds (as do `pm_card_mastercard`, `pm_card_amex`, `pm_card_discover`, `pm_card_visa_debit`);\n- `pm_card_chargeDeclined` declines (as do `pm_card_insufficientFunds`, `pm_card_expired` and any unknown method);\n- `pm_card_timeout` never answers and charges nothing; `pm_card_answerLost` charges, then its answer is lost.\n\nA decline answers `402 PAYMENT_FAILED` and releases the hold (the reservation becomes CANCELLED); hold again to retry. While a payment is being processed, other attempts answer `409 PAYMENT_IN_PROGRESS`. If the provider does not answer, `502 PAYMENT_UNCONFIRMED`: the reservation stays PAYMENT_PENDING with its places kept, and about two minutes later the server asks the provider again with the same idempotency key, then issues the tickets or releases the places (poll the reservation). The same happens to a payment a server crash interrupted.\n\nWith `X-Idempotency-Key`, sending the same confirm again (a retry after a lost answer) returns the first confirm's answer: 200 with the same tickets, or the same `402 PAYMENT_FAILED`; nothing is charged twice; the same key with another `payment_method_id` answers `422 IDEMPOTENCY_KEY_REUSED`. Without the key, or with another, a confirmed reservation answers `409 ALREADY_CONFIRMED` and a cancelled one `409 RESERVATION_CANCELLED`.",
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
                "description": "Any 1 to 255 characters; send the same key to retry the same confirm.",
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
                              "issued_at": "2026-06-01T10:03:00Z",
                              "page_url": "/tickets/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d?sig=3q2-7wHZ1m0dKs9bQx4Vn8Ae"
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
                "description": "`payment_method_id` is missing or empty, or the `X-Idempotency-Key` of an earlier confirm came with another payment method. Error codes: `VALIDATION_ERROR`, `IDEMPOTENCY_KEY_REUSED`.",
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
              "502": {
                "description": "The payment provider did not answer; the reservation stays PAYMENT_PENDING until it is settled with the provider. Error codes: `PAYMENT_UNCONFIRMED`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "\u0023/components/schemas/Error"
                    },
                    "examples": {
                      "PAYMENT_UNCONFIRMED": {
                        "summary": "PAYMENT_UNCONFIRMED",
                        "value": {
                          "error": "PAYMENT_UNCONFIRMED",
                          "message": "The payment provider did not answer. Your places stay reserved while we ask it again; the reservation becomes CONFIRMED or CANCELLED within a few minutes, and you are never charged twice."
                        }
                      }
                    }
                  }
                }
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
                "description": "`TICKET_LIMIT_EXCEEDED`: the event's maximum tickets per buyer, or the presale window's when the hold is made under one."
              },
              "remaining": {
                "type": "integer",
                "minimum": 0,
                "description": "`TICKET_LIMIT_EXCEEDED`: how many more tickets this buyer may still hold or buy."
              },
              "field": {
                "type": "string",
                "description": "`VALIDATION_ERROR`: the offending field as a snake_case path, e.g. `email`, `sections[0].price_cents`, `presales[1].codes`, `queue.admit_per_minute`, `seat_ids`, `page_size` or `X-Idempotency-Key`."
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
              "opens_at": {
                "type": "string",
                "format": "date-time",
                "description": "`QUEUE_NOT_OPEN`: when the event's waiting room opens."
              },
              "presales": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "`PRESALE_REQUIRED`: the names of the presale windows open now."
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
              "PRESALE",
              "ON_SALE",
              "SALES_CLOSED"
            ],
            "description": "`SCHEDULED`: neither the general sale nor any presale window is open yet (or between windows). `PRESALE`: a presale window is open but the general sale is not: only that window's buyers may hold. `ON_SALE`: the general sale is open (from sale_starts_at, or, if the event has `general` presale windows, while one of them is open); anyone can hold. `SALES_CLOSED`: the event has started."
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
          "QueueInput": {
            "type": "object",
            "required": [
              "enabled"
            ],
            "description": "The event's virtual waiting room. While it is enabled, holding needs an admission from the queue (`X-Queue-Token` on `POST /api/v1/reservations`).\n\nAdmission: every `admit_interval_seconds`, ceil(admit_per_minute × admit_interval_seconds / 60) more queue positions are admitted, the first batch at the sale start: the first sale moment (the earliest of sale_starts_at and the presale windows' starts) or `opens_at`, whichever is later, or the moment the queue was enabled if that is later still. Buyers who join before the sale start are drawn into a random order among themselves; later joiners are first come, first served behind them.\n\nOn `PATCH`, omitted fields keep their current values; a new rate keeps the batches already admitted and applies from the next batch.",
            "properties": {
              "enabled": {
                "type": "boolean",
                "description": "Whether buyers must queue. `false` keeps the settings but lets everyone hold directly."
              },
              "opens_at": {
                "type": "string",
                "format": "date-time",
                "description": "When buyers may start joining. Default: 30 minutes before the first sale moment (the earliest of sale_starts_at and the presale windows' starts), or now.",
                "examples": [
                  "2026-06-01T09:30:00Z"
                ]
              },
              "admit_per_minute": {
                "type": "integer",
                "minimum": 0,
                "maximum": 1000000,
                "default": 2000,
                "description": "Queue positions admitted per minute. 0 pauses admission (from the next batch; waiting buyers keep their places) until it is raised again.",
                "examples": [
                  2000
                ]
              },
              "session_minutes": {
                "type": "integer",
                "minimum": 1,
                "maximum": 120,
                "default": 10,
                "description": "How long an admitted buyer may hold; afterwards joining again puts them at the back of the queue.",
                "examples": [
                  10
                ]
              },
              "admit_interval_seconds": {
                "type": "integer",
                "minimum": 1,
                "maximum": 300,
                "default": 10,
                "description": "Seconds between admission batches.",
                "examples": [
                  10
                ]
              }
            }
          },
          "PresaleKind": {
            "type": "string",
            "enum": [
              "code",
              "list",
              "general"
            ],
            "description": "`code`: buyers who send one of the window's codes as `presale_code` when holding. `list`: buyers whose account email is on the window's list. `general`: everyone; if an event has any `general` windows, its general sale is open only while one of them is (instead of from sale_starts_at)."
          },
          "PresaleInput": {
            "type": "object",
            "required": [
              "name",
              "starts_at",
              "ends_at",
              "kind"
            ],
            "description": "A presale window: from `starts_at` until `ends_at` the buyers it lets in may hold. With `code` or `list` windows the event needs `sale_starts_at` or a `general` window. Codes and emails are never returned.",
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 100,
                "description": "Unique within the event (case-insensitive; trimmed).",
                "examples": [
                  "Fan Club"
                ]
              },
              "starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the window opens; before the event starts.",
                "examples": [
                  "2026-05-28T10:00:00Z"
                ]
              },
              "ends_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the window closes; after starts_at.",
                "examples": [
                  "2026-05-30T22:00:00Z"
                ]
              },
              "kind": {
                "$ref": "\u0023/components/schemas/PresaleKind"
              },
              "codes": {
                "type": "array",
                "items": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 64
                },
                "minItems": 1,
                "maxItems": 100000,
                "description": "`code` windows only, and required there: the accepted codes, 1 to 64 characters each, compared case-insensitively.",
                "examples": [
                  [
                    "AURORA-FAN-7Q2K",
                    "AURORA-FAN-9X4M"
                  ]
                ]
              },
              "emails": {
                "type": "array",
                "items": {
                  "type": "string",
                  "format": "email",
                  "maxLength": 254
                },
                "minItems": 1,
                "maxItems": 100000,
                "description": "`list` windows only, and required there: the account emails that may buy (case-insensitive).",
                "examples": [
                  [
                    "ada@example.com"
                  ]
                ]
              },
              "max_tickets_per_user": {
                "type": "integer",
                "minimum": 1,
                "maximum": 100,
                "description": "Tickets one buyer may hold and own through this window, counted over reservations made under it; at most the event's max_tickets_per_user. Default: the event's limit.",
                "examples": [
                  4
                ]
              },
              "single_use": {
                "type": "boolean",
                "default": false,
                "description": "`code` windows: bind each code to the first account that uses it (other accounts get `PRESALE_CODE_INVALID`). Default: codes are shared."
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
              },
              "queue": {
                "$ref": "\u0023/components/schemas/QueueInput"
              },
              "presales": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/PresaleInput"
                },
                "maxItems": 50,
                "description": "Presale windows. With `code` or `list` windows the event needs `sale_starts_at` or a `general` window."
              }
            }
          },
          "UpdateEventRequest": {
            "type": "object",
            "description": "Only the fields sent change.",
            "properties": {
              "sale_starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "When tickets go on sale. Must not be after starts_at.",
                "examples": [
                  "2026-06-01T10:00:00Z"
                ]
              },
              "hold_duration_minutes": {
                "type": "integer",
                "minimum": 1,
                "maximum": 15,
                "description": "Default hold length for new reservations of this event."
              },
              "max_tickets_per_user": {
                "type": "integer",
                "minimum": 1,
                "maximum": 100,
                "description": "How many tickets one buyer may hold and own for this event."
              },
              "queue": {
                "$ref": "\u0023/components/schemas/QueueInput"
              },
              "presales": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/PresaleInput"
                },
                "maxItems": 50,
                "description": "Replaces the whole list of presale windows (`[]` removes them all)."
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
              "total_available",
              "presales"
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
              },
              "queue": {
                "allOf": [
                  {
                    "$ref": "\u0023/components/schemas/QueueSettings"
                  }
                ],
                "description": "The waiting room; absent if one was never configured."
              },
              "presales": {
                "type": "array",
                "items": {
                  "$ref": "\u0023/components/schemas/PresaleSummary"
                },
                "description": "The presale windows, in the order given; empty if there are none."
              }
            }
          },
          "QueueSettings": {
            "type": "object",
            "required": [
              "enabled",
              "opens_at",
              "admit_per_minute",
              "session_minutes",
              "admit_interval_seconds",
              "admission_starts_at",
              "join_url"
            ],
            "properties": {
              "enabled": {
                "type": "boolean",
                "description": "Whether buyers must queue to hold."
              },
              "opens_at": {
                "type": "string",
                "format": "date-time",
                "description": "When buyers may start joining.",
                "examples": [
                  "2026-06-01T09:30:00Z"
                ]
              },
              "admit_per_minute": {
                "type": "integer",
                "minimum": 0,
                "maximum": 1000000,
                "description": "0 while admission is paused."
              },
              "session_minutes": {
                "type": "integer",
                "minimum": 1,
                "maximum": 120
              },
              "admit_interval_seconds": {
                "type": "integer",
                "minimum": 1,
                "maximum": 300
              },
              "admission_starts_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the first batch is admitted (the sale start); buyers who joined before it are drawn into a random order.",
                "examples": [
                  "2026-06-01T10:00:00Z"
                ]
              },
              "join_url": {
                "type": "string",
                "description": "`/api/v1/events/{event_id}/queue`",
                "examples": [
                  "/api/v1/events/3f1c9a52-8a4e-4d6b-9d0e-2b7c1f9e4a10/queue"
                ]
              }
            }
          },
          "PresaleSummary": {
            "type": "object",
            "description": "A presale window as buyers see it: never its codes or emails, only how many there are.",
            "required": [
              "name",
              "starts_at",
              "ends_at",
              "kind",
              "single_use",
              "code_count",
              "email_count",
              "open"
            ],
            "properties": {
              "name": {
                "type": "string",
                "examples": [
                  "Fan Club"
                ]
              },
              "starts_at": {
                "type": "string",
                "format": "date-time"
              },
              "ends_at": {
                "type": "string",
                "format": "date-time"
              },
              "kind": {
                "$ref": "\u0023/components/schemas/PresaleKind"
              },
              "max_tickets_per_user": {
                "type": "integer",
                "minimum": 1,
                "description": "The window's per-buyer limit; absent when the event's applies."
              },
              "single_use": {
                "type": "boolean"
              },
              "code_count": {
                "type": "integer",
                "minimum": 0
              },
              "email_count": {
                "type": "integer",
                "minimum": 0
              },
              "open": {
                "type": "boolean",
                "description": "Whether the window is open now."
              }
            }
          },
          "QueueStatus": {
            "type": "object",
            "description": "Where a buyer stands in an event's waiting room.",
            "required": [
              "event_id",
              "state",
              "position",
              "ahead",
              "estimated_wait_seconds",
              "admission_paused",
              "position_final",
              "queue_length",
              "queue_token",
              "status_url",
              "stream_url"
            ],
            "properties": {
              "event_id": {
                "type": "string",
                "format": "uuid"
              },
              "state": {
                "type": "string",
                "enum": [
                  "waiting",
                  "admitted",
                  "expired"
                ],
                "description": "`waiting`: not admitted yet. `admitted`: may hold with `admission_token` until `admission_expires_at`. `expired`: the admission session ended; join again to go to the back."
              },
              "position": {
                "type": "integer",
                "minimum": 1,
                "description": "Place in the queue, 1 first; an estimate while `position_final` is false.",
                "examples": [
                  4127
                ]
              },
              "ahead": {
                "type": "integer",
                "minimum": 0,
                "description": "Buyers ahead who have not been admitted yet; 0 once admitted."
              },
              "estimated_wait_seconds": {
                "type": "integer",
                "minimum": 0,
                "description": "Seconds until this position is admitted at the current rate; 0 once admitted, and 0 while `admission_paused`."
              },
              "admission_paused": {
                "type": "boolean",
                "description": "True while the organizer has paused admission (`admit_per_minute` 0) and this buyer is still waiting; the place is kept."
              },
              "position_final": {
                "type": "boolean",
                "description": "False for a buyer who joined before the sale start, until the random draw at the sale start: `position` is then an estimate."
              },
              "queue_length": {
                "type": "integer",
                "minimum": 0,
                "description": "How many hold a place in the queue."
              },
              "queue_token": {
                "type": "string",
                "pattern": "^Q1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
                "description": "Signed token carrying the buyer's place: send it in `X-Queue-Token` (or `?queue_token=`) to read the status. It may be refreshed in any answer: always use the latest."
              },
              "admission_token": {
                "type": "string",
                "pattern": "^Q1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
                "description": "Only when `admitted`: send it in `X-Queue-Token` on `POST /api/v1/reservations` until `admission_expires_at`."
              },
              "admission_expires_at": {
                "type": "string",
                "format": "date-time",
                "description": "Only when `admitted`: when the admission session ends."
              },
              "status_url": {
                "type": "string",
                "description": "`/api/v1/events/{event_id}/queue/status`"
              },
              "stream_url": {
                "type": "string",
                "description": "`/api/v1/events/{event_id}/queue/stream`"
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
              },
              "presale_code": {
                "type": "string",
                "description": "A code of an open `code` presale window (case-insensitive); ignored when empty.",
                "examples": [
                  "AURORA-FAN-7Q2K"
                ]
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
              },
              "presale_code": {
                "type": "string",
                "description": "A code of an open `code` presale window (case-insensitive); ignored when empty.",
                "examples": [
                  "AURORA-FAN-7Q2K"
                ]
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
          "StaffMember": {
            "type": "object",
            "required": [
              "user_id",
              "email",
              "name",
              "role",
              "organizer_id",
              "created_at",
              "disabled_at"
            ],
            "properties": {
              "user_id": {
                "type": "string",
                "format": "uuid",
                "description": "The scanner account's id.",
                "examples": [
                  "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a"
                ]
              },
              "email": {
                "type": "string",
                "format": "email"
              },
              "name": {
                "type": "string"
              },
              "role": {
                "$ref": "\u0023/components/schemas/Role"
              },
              "organizer_id": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid",
                "description": "The organizer whose events this scanner checks in at; null for house staff, who scan at any event."
              },
              "created_at": {
                "type": "string",
                "format": "date-time",
                "description": "When the account was made."
              },
              "disabled_at": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time",
                "description": "When the account was switched off; null while it is on."
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
            "description": "No valid bearer token: missing (`UNAUTHORIZED`), malformed or badly signed (`INVALID_TOKEN`), expired (`TOKEN_EXPIRED`), or a door-staff account switched off (`ACCOUNT_DISABLED`). Error codes: `UNAUTHORIZED`, `INVALID_TOKEN`, `TOKEN_EXPIRED`, `ACCOUNT_DISABLED`.",
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
                  },
                  "ACCOUNT_DISABLED": {
                    "summary": "ACCOUNT_DISABLED",
                    "value": {
                      "error": "ACCOUNT_DISABLED",
                      "message": "This account has been switched off"
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
          },
          "QueueTokenHeader": {
            "name": "X-Queue-Token",
            "in": "header",
            "required": false,
            "description": "The latest `queue_token` from joining or a status answer. Required unless `queue_token` is given in the query.",
            "schema": {
              "type": "string"
            }
          },
          "QueueTokenQuery": {
            "name": "queue_token",
            "in": "query",
            "required": false,
            "description": "The queue token, for clients that cannot set headers (such as `EventSource`).",
            "schema": {
              "type": "string"
            }
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
