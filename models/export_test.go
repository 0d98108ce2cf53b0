package models

// Translate lets the store tests check how a driver error from raw SQL becomes a sentinel.
var Translate = translate
