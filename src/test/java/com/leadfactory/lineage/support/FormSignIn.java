package com.leadfactory.lineage.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The panel's sign-in form as a browser posts it: the CSRF token from the login page, no redirects followed. */
public final class FormSignIn {

    private FormSignIn() {}

    /** A request ready for {@code formParam("username", …)}, {@code formParam("password", …)} and {@code post("/login")}. */
    public static RequestSpecification request(int port) {
        String token = RestAssured.given().port(port).get("/login.html").getCookie("XSRF-TOKEN");
        return RestAssured.given()
                .port(port)
                .redirects()
                .follow(false)
                .cookie("XSRF-TOKEN", token)
                .header("X-XSRF-TOKEN", token);
    }
}
