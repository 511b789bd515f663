package com.leadfactory.lineage.web;

/** The requested record does not exist (or no longer does); becomes a 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
