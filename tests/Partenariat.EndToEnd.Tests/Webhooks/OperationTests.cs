using System.Net;
using System.Text;
using Partenariat.EndToEnd.Tests.Hosts;

namespace Partenariat.EndToEnd.Tests.Webhooks;

/// <summary>raiseEvent, terminate, suspend, resume and restart of <c>runtime/webhooks/durabletask/instances/{instanceId}</c>, on either host.</summary>
public abstract class OperationTests(HostFixture fixture) : EndToEndTest(fixture)
{
    [SkippableFact]
    public async Task RaiseEvent_WaitingInstance_Answers202AndTheInstanceReceivesIt()
    {
        var id = await WaitingInstanceAsync();

        using var response = await Client.PostAsync(Webhook($"instances/{id}/raiseEvent/go"), Json("\"hello\""));

        await ExpectAsync(HttpStatusCode.Accepted, response);
        await AssertEmptyAsync(response);
        var status = await WaitForStatusAsync(id, "Completed");
        Assert.Equal("received:hello", status.GetProperty("output").GetString());
    }

    [SkippableFact]
    public async Task RaiseEvent_NotJson_Answers400()
    {
        var id = await WaitingInstanceAsync();

        using var response = await Client.PostAsync(Webhook($"instances/{id}/raiseEvent/go"), new StringContent("hello", Encoding.UTF8, "text/plain"));

        await ExpectAsync(HttpStatusCode.BadRequest, response);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["Message"], PropertyNames(body));
        Assert.Equal("Only application/json request content is supported", body.GetProperty("Message").GetString());
    }

    [SkippableFact]
    public async Task RaiseEvent_InvalidJson_Answers400WithTheErrorObject()
    {
        var id = await WaitingInstanceAsync();

        using var response = await Client.PostAsync(Webhook($"instances/{id}/raiseEvent/go"), Json("{bad"));

        await ExpectAsync(HttpStatusCode.BadRequest, response);
        var body = await ReadJsonAsync(response);
        Assert.Equal(["Message", "ExceptionMessage", "ExceptionType", "StackTrace"], PropertyNames(body));
        Assert.Equal("Invalid JSON content", body.GetProperty("Message").GetString());
    }

    [SkippableTheory]
    [InlineData(false, HttpStatusCode.NotFound)]
    [InlineData(true, HttpStatusCode.Gone)]
    public async Task Operations_UnknownOrFinishedInstance_Answer404Or410WithoutBody(bool finished, HttpStatusCode expected)
    {
        var id = finished ? await CompletedInstanceAsync() : NewId("nobody");

        using var raise = await Client.PostAsync(Webhook($"instances/{id}/raiseEvent/go"), Json("1"));
        using var terminate = await Client.PostAsync(Webhook($"instances/{id}/terminate"), null);
        using var suspend = await Client.PostAsync(Webhook($"instances/{id}/suspend"), null);
        using var resume = await Client.PostAsync(Webhook($"instances/{id}/resume"), null);

        foreach (var response in new[] { raise, terminate, suspend, resume })
        {
            await ExpectAsync(expected, response);
            await AssertEmptyAsync(response);
        }
    }

    [SkippableFact]
    public async Task Terminate_RunningInstance_Answers202AndTerminatesItWithTheReason()
    {
        var id = await WaitingInstanceAsync();

        using var response = await Client.PostAsync(Webhook($"instances/{id}/terminate", "reason=enough"), null);

        await ExpectAsync(HttpStatusCode.Accepted, response);
        await AssertEmptyAsync(response);
        var status = await WaitForStatusAsync(id, "Terminated");
        Assert.Equal("enough", status.GetProperty("output").GetString());
    }

    [SkippableFact]
    public async Task SuspendAndResume_WaitingInstance_HoldsItsEventUntilResumed()
    {
        var id = await WaitingInstanceAsync();

        using var suspend = await Client.PostAsync(Webhook($"instances/{id}/suspend", "reason=pause"), null);
        await ExpectAsync(HttpStatusCode.Accepted, suspend);
        await AssertEmptyAsync(suspend);
        var suspended = await WaitForStatusAsync(id, "Suspended");
        using var again = await Client.PostAsync(Webhook($"instances/{id}/suspend"), null);
        using var raise = await Client.PostAsync(Webhook($"instances/{id}/raiseEvent/go"), Json("\"later\""));
        var stillSuspended = await StatusAsync(id);
        using var resume = await Client.PostAsync(Webhook($"instances/{id}/resume", "reason=carry%20on"), null);

        Assert.Equal("pause", suspended.GetProperty("output").GetString());
        await ExpectAsync(HttpStatusCode.InternalServerError, again);
        var error = await ReadJsonAsync(again);
        Assert.Equal(["Message", "ExceptionMessage", "ExceptionType", "StackTrace"], PropertyNames(error));
        Assert.Equal("Something went wrong while processing your request", error.GetProperty("Message").GetString());
        Assert.Equal($"Cannot suspend the orchestration instance {id} because instance is in the Suspended state.", error.GetProperty("ExceptionMessage").GetString());
        await ExpectAsync(HttpStatusCode.Accepted, raise);
        Assert.Equal("Suspended", stillSuspended?.GetProperty("runtimeStatus").GetString());
        await ExpectAsync(HttpStatusCode.Accepted, resume);
        var completed = await WaitForStatusAsync(id, "Completed");
        Assert.Equal("received:later", completed.GetProperty("output").GetString());
    }

    [SkippableFact]
    public async Task Resume_RunningInstance_Answers500WithTheReason()
    {
        var id = await WaitingInstanceAsync();

        using var response = await Client.PostAsync(Webhook($"instances/{id}/resume"), null);

        await ExpectAsync(HttpStatusCode.InternalServerError, response);
        var error = await ReadJsonAsync(response);
        Assert.Equal($"Cannot resume the orchestration instance {id} because instance is in the Running state.", error.GetProperty("ExceptionMessage").GetString());
    }

    [SkippableFact]
    public async Task Restart_CompletedInstance_StartsANewInstanceWithTheSameInput()
    {
        var id = await CompletedInstanceAsync(who: "Chenôve");

        using var response = await Client.PostAsync(Webhook($"instances/{id}/restart"), null);

        await ExpectAsync(HttpStatusCode.Accepted, response);
        var body = await ReadJsonAsync(response);
        Assert.Equal(StartTests.WebhookCheckStatusProperties, PropertyNames(body));
        var newId = body.GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        var status = await WaitForStatusAsync(newId, "Completed");
        Assert.Equal("Chenôve", status.GetProperty("input").GetString());
    }

    [SkippableFact]
    public async Task Restart_RunningInstanceKeepingItsId_Answers409()
    {
        var id = await WaitingInstanceAsync();

        using var response = await Client.PostAsync(Webhook($"instances/{id}/restart", "restartWithNewInstanceId=false"), null);

        await ExpectAsync(HttpStatusCode.Conflict, response);
        var error = await ReadJsonAsync(response);
        Assert.Equal(["Message", "ExceptionMessage", "ExceptionType", "StackTrace"], PropertyNames(error));
        Assert.Equal("A non-terminal instance with this instance ID already exists.", error.GetProperty("Message").GetString());
        Assert.Equal("DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException", error.GetProperty("ExceptionType").GetString());
    }

    [SkippableFact]
    public async Task Restart_UnknownInstance_Answers400()
    {
        var id = NewId("nobody");

        using var response = await Client.PostAsync(Webhook($"instances/{id}/restart"), null);

        await ExpectAsync(HttpStatusCode.BadRequest, response);
        var error = await ReadJsonAsync(response);
        Assert.Equal("InstanceId does not match a valid orchestration instance.", error.GetProperty("Message").GetString());
        Assert.Equal($"No instance with ID '{id}' was found. (Parameter 'instanceId')", error.GetProperty("ExceptionMessage").GetString());
    }

    [SkippableFact]
    public async Task UnknownOperation_Answers404WithoutBody()
    {
        var id = await WaitingInstanceAsync();

        using var response = await Client.PostAsync(Webhook($"instances/{id}/dance"), null);

        await ExpectAsync(HttpStatusCode.NotFound, response);
        await AssertEmptyAsync(response);
    }
}

[Collection(SelfContainedHostCollection.Name)]
public sealed class SelfContainedHostOperationTests(SelfContainedHostFixture fixture) : OperationTests(fixture);

[Collection(FunctionsHostCollection.Name)]
public sealed class FunctionsHostOperationTests(FunctionsHostFixture fixture) : OperationTests(fixture);
