using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Tests.Support;

namespace Network.ServiceDefaults.Tests.Http;

/// <summary>
/// The problem document for a body that could not be read, from the exception minimal APIs throw
/// (a <see cref="BadHttpRequestException"/> around the serializer's <see cref="JsonException"/>).
/// </summary>
public sealed class Describing_bad_requests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("$", null)]
    [InlineData("$.kind", "kind")]
    [InlineData("$.sessions[0].startsAt", "sessions[0].startsAt")]
    [InlineData("$[2].name", "[2].name")]
    public void A_json_path_becomes_the_name_of_the_field(string? path, string? field)
    {
        Assert.Equal(field, ProblemExceptionHandler.FieldFromJsonPath(path));
    }

    [Fact]
    public void Malformed_json_is_reported_against_the_body()
    {
        var problem = DescribeBody("not json");

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        var error = Assert.Single(problem.Errors);
        Assert.Equal("body", error.Key);
        Assert.Equal(["The request body is not valid JSON."], error.Value);
        Assert.EndsWith("(line 1, position 2)", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"Bezirksamt","kind":"charity","places":5}""")]
    [InlineData("""{"name":"Bezirksamt","kind":1,"places":5}""")]
    public void A_choice_that_is_not_documented_is_reported_against_its_field(string body)
    {
        var problem = DescribeBody(body);

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        var error = Assert.Single(problem.Errors);
        Assert.Equal("kind", error.Key);
        Assert.Contains("'kind'", Assert.Single(error.Value), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_against_its_field()
    {
        var problem = DescribeBody("""{"name":"Bezirksamt","kind":"service_provider","places":"many"}""");

        Assert.Equal("places", Assert.Single(problem.Errors).Key);
    }

    [Fact]
    public void A_field_the_request_does_not_have_is_reported_against_that_field()
    {
        var problem = DescribeBody("""{"name":"Bezirksamt","kind":"service_provider","places":5,"colour":"red"}""");

        var error = Assert.Single(problem.Errors);
        Assert.Equal("colour", error.Key);
        Assert.Equal(["'colour' is not a field of this request."], error.Value);
    }

    [Fact]
    public void A_body_that_is_too_large_keeps_its_status_and_says_so()
    {
        var problem = ProblemExceptionHandler.DescribeBadRequest(
            new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));

        Assert.IsNotType<HttpValidationProblemDetails>(problem);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, problem.Status);
        Assert.Equal("The request body is too large.", problem.Title);
    }

    private static HttpValidationProblemDetails DescribeBody(string body)
    {
        var json = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OrganisationDraft>(body, JsonDefaults.Create()));
        // What minimal APIs throw when ThrowOnBadRequest is on and the body cannot be read.
        var bad = new BadHttpRequestException("Failed to read parameter \"OrganisationDraft draft\" from the request body as JSON.", json);
        return Assert.IsType<HttpValidationProblemDetails>(ProblemExceptionHandler.DescribeBadRequest(bad));
    }
}
