"""Every operation that changes the funds, the ledger or a request (DESIGN §8, §11):
`grootboek` books, `aanvraag` runs a request's life, `eenmalig` makes a money POST count once."""
